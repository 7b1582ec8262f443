import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';

/**
 * The small subset of kustomize that infra/k8s uses, so the manifests can be rendered and checked
 * in CI with no kustomize binary and no network (no npm package renders kustomize offline).
 *
 * Supported kustomization fields: `resources` (files, multi-document files and directories with a
 * kustomization), `namespace`, `patches` (strategic-merge patches from `path` or inline `patch`,
 * matched by the patch's apiVersion group, kind and name, or by `target.kind`/`target.name`) and
 * `images` (name → newName/newTag/digest). Anything else is rejected, so the manifests cannot
 * drift outside what this renderer understands. Where `kubectl` is installed the manifest test
 * also compares this output with `kubectl kustomize`.
 *
 * Semantics follow kustomize v5: patches run before the namespace and image transformers; a
 * strategic-merge patch merges maps, deletes keys set to null, merges the lists of built-in kinds
 * that have a patch merge key (containers by name, volumeMounts by mountPath, ...) with the
 * patch's items first, then the untouched original items, honours `$patch: delete` in such lists,
 * and replaces every other list (and every list of a custom resource).
 */

export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  [key: string]: unknown;
}

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];
const SUPPORTED_FIELDS = new Set(['apiVersion', 'kind', 'resources', 'namespace', 'patches', 'images']);

/** Kinds that are not namespaced: the namespace transformer leaves them alone (a Namespace is renamed). */
const CLUSTER_SCOPED = new Set([
  'Namespace',
  'ClusterRole',
  'ClusterRoleBinding',
  'CustomResourceDefinition',
  'IngressClass',
  'PersistentVolume',
  'PriorityClass',
  'StorageClass',
  'ValidatingWebhookConfiguration',
  'MutatingWebhookConfiguration',
  'ClusterTriggerAuthentication',
]);

/** API groups whose kinds carry strategic-merge metadata; lists of any other kind are replaced. */
const BUILTIN_GROUPS = new Set(['', 'apps', 'batch', 'autoscaling', 'policy', 'networking.k8s.io', 'rbac.authorization.k8s.io']);

/** patchMergeKey of the list fields used in pod templates and services (k8s.io/api). */
function mergeKeyFor(field: string, parentPath: readonly string[], kind: string): string | null {
  switch (field) {
    case 'containers':
    case 'initContainers':
    case 'ephemeralContainers':
    case 'env':
    case 'volumes':
    case 'imagePullSecrets':
      return 'name';
    case 'volumeMounts':
      return 'mountPath';
    case 'topologySpreadConstraints':
      return 'topologyKey';
    case 'hostAliases':
      return 'ip';
    case 'ports':
      // Service.spec.ports merge by port, a container's ports by containerPort.
      return kind === 'Service' && parentPath.join('.') === 'spec' ? 'port' : 'containerPort';
    default:
      return null;
  }
}

function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function clone<T>(v: T): T {
  return structuredClone(v);
}

function groupOf(apiVersion: string): string {
  return apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
}

function idOf(o: K8sObject): string {
  return `${groupOf(o.apiVersion)}/${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;
}

/** Every YAML document of a text (empty documents dropped). */
export function parseYamlDocs(text: string, source: string): unknown[] {
  const out: unknown[] = [];
  for (const doc of parseAllDocuments(text)) {
    if (doc.errors.length > 0) throw new Error(`${source}: ${doc.errors[0]?.message}`);
    const value = doc.toJS();
    if (value !== null && value !== undefined) out.push(value);
  }
  return out;
}

function asObject(value: unknown, source: string): K8sObject {
  if (!isObject(value)) throw new Error(`${source}: a document is not a mapping`);
  const o = value as unknown as K8sObject;
  if (typeof o.apiVersion !== 'string' || typeof o.kind !== 'string' || !isObject(o.metadata) || typeof o.metadata.name !== 'string') {
    throw new Error(`${source}: every resource needs apiVersion, kind and metadata.name`);
  }
  return o;
}

/** Reads every YAML document of a file (comments and empty documents dropped). */
export function readYamlFile(path: string): unknown[] {
  return parseYamlDocs(readFileSync(path, 'utf8'), path);
}

function kustomizationFile(dir: string): string {
  for (const name of KUSTOMIZATION_FILES) {
    const p = join(dir, name);
    if (existsSync(p)) return p;
  }
  throw new Error(`${dir}: no kustomization.yaml`);
}

/** Strategic merge of `patch` into `target` (both plain JSON); returns the merged value. */
export function strategicMerge(target: Json, patch: Json, ctx: { kind: string; builtin: boolean; path?: string[] }): Json {
  const path = ctx.path ?? [];
  if (!isObject(patch) || !isObject(target)) return clone(patch);
  if (patch.$patch === 'replace') {
    const { $patch: _, ...rest } = patch;
    return clone(rest);
  }
  if (patch.$patch !== undefined) throw new Error(`unsupported $patch: ${String(patch.$patch)} at ${path.join('.')}`);
  const out: JsonObject = { ...target };
  for (const [key, value] of Object.entries(patch)) {
    if (key.startsWith('$')) throw new Error(`unsupported directive ${key} at ${path.join('.')}`);
    if (value === null) {
      delete out[key];
      continue;
    }
    const current = out[key];
    if (Array.isArray(value) && Array.isArray(current)) {
      const mergeKey = ctx.builtin ? mergeKeyFor(key, path, ctx.kind) : null;
      out[key] = mergeKey ? mergeList(current, value, mergeKey, { ...ctx, path: [...path, key] }) : clone(value);
    } else if (isObject(value) && isObject(current)) {
      out[key] = strategicMerge(current, value, { ...ctx, path: [...path, key] });
    } else {
      out[key] = clone(value);
    }
  }
  return out;
}

function mergeList(current: Json[], patch: Json[], mergeKey: string, ctx: { kind: string; builtin: boolean; path: string[] }): Json[] {
  const keyOf = (item: Json) => (isObject(item) ? item[mergeKey] : undefined);
  const touched = new Set<Json | undefined>();
  const merged: Json[] = [];
  for (const item of patch) {
    const key = keyOf(item);
    if (key === undefined) throw new Error(`${ctx.path.join('.')}: patch item has no merge key ${mergeKey}`);
    touched.add(key);
    if (isObject(item) && item.$patch === 'delete') continue;
    const existing = current.find((c) => keyOf(c) === key);
    merged.push(existing === undefined ? clone(item) : strategicMerge(existing, item, ctx));
  }
  // kustomize v5 (kyaml) order: the patch's items first, then the original items it left alone.
  for (const item of current) if (!touched.has(keyOf(item))) merged.push(clone(item));
  return merged;
}

interface ImageRule {
  name: string;
  newName?: string;
  newTag?: string;
  digest?: string;
}

function splitImage(image: string): { name: string; tag: string } {
  const at = image.indexOf('@');
  if (at >= 0) return { name: image.slice(0, at), tag: image.slice(at) };
  const colon = image.lastIndexOf(':');
  if (colon > image.lastIndexOf('/')) return { name: image.slice(0, colon), tag: image.slice(colon) };
  return { name: image, tag: '' };
}

function applyImages(node: unknown, rules: readonly ImageRule[]): void {
  if (Array.isArray(node)) {
    for (const n of node) applyImages(n, rules);
    return;
  }
  if (!isObject(node)) return;
  for (const [key, value] of Object.entries(node)) {
    if ((key === 'containers' || key === 'initContainers') && Array.isArray(value)) {
      for (const c of value) {
        if (!isObject(c) || typeof c.image !== 'string') continue;
        const { name, tag } = splitImage(c.image);
        const rule = rules.find((r) => r.name === name);
        if (!rule) continue;
        const suffix = rule.digest ? `@${rule.digest}` : rule.newTag ? `:${rule.newTag}` : tag;
        c.image = `${rule.newName ?? name}${suffix}`;
      }
    }
    applyImages(value, rules);
  }
}

function findTargets(resources: K8sObject[], patch: K8sObject, target: { kind?: string; name?: string } | undefined): K8sObject[] {
  if (target) {
    return resources.filter((r) => (!target.kind || r.kind === target.kind) && (!target.name || r.metadata.name === target.name));
  }
  return resources.filter(
    (r) => r.kind === patch.kind && r.metadata.name === patch.metadata.name && groupOf(r.apiVersion) === groupOf(patch.apiVersion),
  );
}

/** Renders the kustomization in `dir` (like `kustomize build dir`), in resource order. */
export function renderKustomization(dir: string): K8sObject[] {
  const root = resolve(dir);
  const file = kustomizationFile(root);
  const docs = readYamlFile(file);
  if (docs.length !== 1 || !isObject(docs[0])) throw new Error(`${file}: expected one mapping`);
  const k = docs[0] as Record<string, unknown>;
  for (const field of Object.keys(k)) {
    if (!SUPPORTED_FIELDS.has(field)) throw new Error(`${file}: field "${field}" is outside the kustomize subset infra/test renders`);
  }

  const resources: K8sObject[] = [];
  for (const entry of (k.resources as string[] | undefined) ?? []) {
    const path = resolve(root, entry);
    const found = statSync(path).isDirectory() ? renderKustomization(path) : readYamlFile(path).map((d) => asObject(d, `${path}`));
    for (const r of found) {
      if (resources.some((x) => idOf(x) === idOf(r))) throw new Error(`${file}: resource ${idOf(r)} is defined twice`);
      resources.push(r);
    }
  }

  for (const p of (k.patches as Array<{ path?: string; patch?: string; target?: { kind?: string; name?: string } }> | undefined) ?? []) {
    const source = p.path ? resolve(root, p.path) : `${file} (inline patch)`;
    const patchDocs = p.path ? readYamlFile(source) : parseYamlDocs(p.patch ?? '', source);
    if (patchDocs.length !== 1) throw new Error(`${source}: one strategic-merge patch per file`);
    const patch = asObject(patchDocs[0], source);
    const targets = findTargets(resources, patch, p.target);
    if (targets.length === 0) throw new Error(`${source}: patch matches no resource (${patch.kind} ${patch.metadata.name})`);
    for (const t of targets) {
      const builtin = BUILTIN_GROUPS.has(groupOf(t.apiVersion));
      const { apiVersion: _a, kind: _k, ...body } = patch;
      const merged = strategicMerge(t as unknown as Json, { ...body, metadata: { ...patch.metadata, name: t.metadata.name } } as Json, {
        kind: t.kind,
        builtin,
      });
      resources[resources.indexOf(t)] = merged as unknown as K8sObject;
    }
  }

  const namespace = k.namespace as string | undefined;
  if (namespace) {
    for (const r of resources) {
      if (r.kind === 'Namespace') r.metadata.name = namespace;
      else if (!CLUSTER_SCOPED.has(r.kind)) r.metadata.namespace = namespace;
    }
  }

  const images = k.images as ImageRule[] | undefined;
  if (images) applyImages(resources, images);

  return resources;
}

/** A stable key for comparing renderings regardless of output order. */
export function resourceKey(o: K8sObject): string {
  return idOf(o);
}
