import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { loadConfig } from '@interview/config';
import { createQueueRuntime } from '@interview/queue';
import { ScaledObject, TriggerAuthentication } from '@kubernetes-models/keda/keda.sh/v1alpha1';
import { Deployment, type IDeployment } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler, type IHorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { type IJob, Job } from 'kubernetes-models/batch/v1';
import { type IIngress, type INetworkPolicy, Ingress, NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import { type IPodDisruptionBudget, PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import {
  ConfigMap,
  type IConfigMap,
  type IContainer,
  type IPodSpec,
  type IProbe,
  type ISecret,
  type IService,
  Namespace,
  Secret,
  Service,
  ServiceAccount,
} from 'kubernetes-models/v1';
import { describe, expect, it } from 'vitest';
import { DRAIN_MARGIN_MS } from '../../apps/api/src/boot/grace';
import { APP_GRACE_S, ENV_NAMES, MIGRATE_COMMAND, ROOT, src, workerDrainS } from './facts';
import { type Json, type K8sObject, parseYamlDocs, readYamlFile, renderKustomization, resourceKey, strategicMerge } from './kustomize';

const K8S = join(ROOT, 'infra/k8s');

// ---------------------------------------------------------------------------------------------
// Facts taken from the code the manifests must agree with (more in ./facts).

/** The longest retry delay of the grading backoff (apps/worker/src/grading/backoff.ts). */
const MAX_BACKOFF_S =
  (/const MAX_DELAY_MS = ([\d_ *]+);/
    .exec(src('apps/worker/src/grading/backoff.ts'))?.[1]
    ?.split('*')
    .reduce((acc, n) => acc * Number(n.trim().replaceAll('_', '')), 1) ?? Number.NaN) / 1000;

/** Queues the worker processes: every `queues.worker('<name>', ...)` in apps/worker/src/start-workers.ts. */
const WORKER_QUEUES = [...src('apps/worker/src/start-workers.ts').matchAll(/queues\.worker\(\s*'([\w-]+)'/g)].map((m) => m[1]!);

/** Postgres' default max_connections (100) less its 3 reserved superuser slots. */
const POSTGRES_CONNECTION_BUDGET = 97;

// ---------------------------------------------------------------------------------------------
// Rendering and schema validation.

type Validatable = { validate(): void };
const MODELS: Record<string, new (data: never) => Validatable> = {
  'v1/Namespace': Namespace,
  'v1/ServiceAccount': ServiceAccount,
  'v1/ConfigMap': ConfigMap,
  'v1/Secret': Secret,
  'v1/Service': Service,
  'apps/v1/Deployment': Deployment,
  'batch/v1/Job': Job,
  'networking.k8s.io/v1/Ingress': Ingress,
  'networking.k8s.io/v1/NetworkPolicy': NetworkPolicy,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'keda.sh/v1alpha1/ScaledObject': ScaledObject,
  'keda.sh/v1alpha1/TriggerAuthentication': TriggerAuthentication,
};

function schemaErrors(o: K8sObject): string | null {
  const Model = MODELS[`${o.apiVersion}/${o.kind}`];
  if (!Model) return `no schema for ${o.apiVersion} ${o.kind}`;
  try {
    new Model(structuredClone(o) as never).validate();
    return null;
  } catch (err) {
    return (err as Error).message;
  }
}

/**
 * The JSON schemas accept unknown fields, so a misspelt key (`readinesProbe`) would validate and
 * be dropped by the API server. A guard for the fields these manifests rely on.
 */
const KNOWN_KEYS: Record<string, ReadonlySet<string>> = {
  podSpec: new Set([
    'containers',
    'initContainers',
    'volumes',
    'serviceAccountName',
    'automountServiceAccountToken',
    'terminationGracePeriodSeconds',
    'securityContext',
    'topologySpreadConstraints',
    'restartPolicy',
    'affinity',
    'nodeSelector',
    'tolerations',
    'priorityClassName',
    'imagePullSecrets',
    'dnsPolicy',
    'enableServiceLinks',
    'activeDeadlineSeconds',
    'runtimeClassName',
  ]),
  container: new Set([
    'name',
    'image',
    'imagePullPolicy',
    'command',
    'args',
    'workingDir',
    'ports',
    'env',
    'envFrom',
    'resources',
    'volumeMounts',
    'livenessProbe',
    'readinessProbe',
    'startupProbe',
    'lifecycle',
    'securityContext',
    'terminationMessagePolicy',
  ]),
  probe: new Set([
    'exec',
    'httpGet',
    'tcpSocket',
    'grpc',
    'initialDelaySeconds',
    'periodSeconds',
    'timeoutSeconds',
    'successThreshold',
    'failureThreshold',
  ]),
  podSecurityContext: new Set([
    'runAsNonRoot',
    'runAsUser',
    'runAsGroup',
    'fsGroup',
    'fsGroupChangePolicy',
    'seccompProfile',
    'supplementalGroups',
  ]),
  containerSecurityContext: new Set([
    'allowPrivilegeEscalation',
    'readOnlyRootFilesystem',
    'capabilities',
    'runAsNonRoot',
    'runAsUser',
    'runAsGroup',
    'privileged',
    'seccompProfile',
  ]),
  scaledObjectSpec: new Set([
    'scaleTargetRef',
    'pollingInterval',
    'cooldownPeriod',
    'initialCooldownPeriod',
    'idleReplicaCount',
    'minReplicaCount',
    'maxReplicaCount',
    'advanced',
    'fallback',
    'triggers',
  ]),
  trigger: new Set(['type', 'name', 'metadata', 'authenticationRef', 'metricType', 'useCachedMetrics']),
  redisTriggerMetadata: new Set([
    'address',
    'addressFromEnv',
    'host',
    'hostFromEnv',
    'port',
    'portFromEnv',
    'usernameFromEnv',
    'passwordFromEnv',
    'listName',
    'listLength',
    'activationListLength',
    'enableTLS',
    'unsafeSsl',
    'databaseIndex',
  ]),
};

function unknownKeys(value: unknown, known: keyof typeof KNOWN_KEYS, where: string): string[] {
  if (!value || typeof value !== 'object') return [];
  const allowed = KNOWN_KEYS[known]!;
  return Object.keys(value)
    .filter((k) => !allowed.has(k))
    .map((k) => `${where}: unexpected field "${k}"`);
}

function typoProblems(o: K8sObject): string[] {
  const problems: string[] = [];
  const pod = podSpecOf(o);
  if (pod) {
    problems.push(...unknownKeys(pod, 'podSpec', `${o.kind}/${o.metadata.name} pod`));
    problems.push(...unknownKeys(pod.securityContext, 'podSecurityContext', `${o.kind}/${o.metadata.name} pod securityContext`));
    for (const c of pod.containers) {
      const at = `${o.kind}/${o.metadata.name} container ${c.name}`;
      problems.push(...unknownKeys(c, 'container', at));
      problems.push(...unknownKeys(c.securityContext, 'containerSecurityContext', `${at} securityContext`));
      for (const p of ['livenessProbe', 'readinessProbe', 'startupProbe'] as const)
        problems.push(...unknownKeys(c[p], 'probe', `${at} ${p}`));
    }
  }
  if (o.kind === 'ScaledObject') {
    const spec = (o as unknown as ScaledObject).spec;
    problems.push(...unknownKeys(spec, 'scaledObjectSpec', 'ScaledObject spec'));
    for (const t of spec.triggers) {
      problems.push(...unknownKeys(t, 'trigger', `trigger ${t.name}`));
      if (t.type === 'redis') problems.push(...unknownKeys(t.metadata, 'redisTriggerMetadata', `trigger ${t.name} metadata`));
    }
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------
// Helpers over rendered objects.

function podSpecOf(o: K8sObject): IPodSpec | undefined {
  if (o.kind === 'Deployment') return (o as unknown as IDeployment).spec?.template.spec;
  if (o.kind === 'Job') return (o as unknown as IJob).spec?.template.spec;
  return undefined;
}

function podLabelsOf(o: K8sObject): Record<string, string> {
  if (o.kind === 'Deployment') return (o as unknown as IDeployment).spec?.template.metadata?.labels ?? {};
  if (o.kind === 'Job') return (o as unknown as IJob).spec?.template.metadata?.labels ?? {};
  return {};
}

function find<T>(objects: K8sObject[], kind: string, name: string): T {
  const found = objects.find((o) => o.kind === kind && o.metadata.name === name);
  if (!found) throw new Error(`${kind}/${name} is not rendered`);
  return found as unknown as T;
}

const selects = (selector: Record<string, string> | undefined, labels: Record<string, string>) =>
  !!selector && Object.keys(selector).length > 0 && Object.entries(selector).every(([k, v]) => labels[k] === v);

/** Kubernetes quantity → number (cores for CPU, bytes for memory). */
function quantity(q: string | number | undefined): number {
  if (q === undefined) return Number.NaN;
  if (typeof q === 'number') return q;
  const m = /^(\d+(?:\.\d+)?)(m|k|M|G|Ki|Mi|Gi)?$/.exec(q);
  if (!m) return Number.NaN;
  const factor = { '': 1, m: 1e-3, k: 1e3, M: 1e6, G: 1e9, Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30 }[m[2] ?? ''] ?? Number.NaN;
  return Number(m[1]) * factor;
}

function containerPort(c: IContainer, port: string | number | undefined): number | undefined {
  if (typeof port === 'number') return port;
  return c.ports?.find((p) => p.name === port)?.containerPort;
}

function probePort(c: IContainer, p: IProbe | undefined): number | undefined {
  return p?.httpGet ? containerPort(c, p.httpGet.port) : undefined;
}

// ---------------------------------------------------------------------------------------------
// The overlays and what differs between them.

interface OverlayExpectations {
  namespace: string;
  image: string;
  apiReplicas: number;
}

const OVERLAYS: Record<string, OverlayExpectations> = {
  production: { namespace: 'interview', image: 'registry.example.com/mock-interview:1.0.0', apiReplicas: 2 },
  dev: { namespace: 'interview-dev', image: 'registry.example.com/mock-interview:dev', apiReplicas: 1 },
};

const rendered: Record<string, K8sObject[]> = Object.fromEntries(
  Object.keys(OVERLAYS).map((name) => [name, renderKustomization(join(K8S, 'overlays', name))]),
);

const secretExample = readYamlFile(join(K8S, 'base/secret.example.yaml')) as ISecret[];
const appSecret = secretExample.find((s) => s.metadata?.name === 'interview-secrets');
const kedaSecret = secretExample.find((s) => s.metadata?.name === 'interview-keda-redis');

describe('the kustomize subset renderer', () => {
  it('merges like kustomize: keyed lists patch-first, null deletes, $patch: delete, custom resources replace lists', () => {
    const base: Json = {
      spec: {
        containers: [
          { name: 'a', image: 'x', env: [{ name: 'A', value: '1' }] },
          { name: 'b', image: 'y' },
        ],
        volumes: [{ name: 'v' }],
        rules: [{ host: 'one' }, { host: 'two' }],
      },
    };
    const patch: Json = {
      spec: {
        containers: [
          { name: 'c', image: 'z' },
          { name: 'a', env: [{ name: 'B', value: '2' }] },
          { name: 'b', $patch: 'delete' },
        ],
        volumes: null,
        rules: [{ host: 'three' }],
      },
    };
    expect(strategicMerge(base, patch, { kind: 'Deployment', builtin: true })).toEqual({
      spec: {
        containers: [
          { name: 'c', image: 'z' },
          {
            name: 'a',
            image: 'x',
            env: [
              { name: 'B', value: '2' },
              { name: 'A', value: '1' },
            ],
          },
        ],
        rules: [{ host: 'three' }],
      },
    });
    expect(strategicMerge(base, { spec: { containers: [{ name: 'b', image: 'q' }] } }, { kind: 'ScaledObject', builtin: false })).toEqual({
      spec: { containers: [{ name: 'b', image: 'q' }], volumes: [{ name: 'v' }], rules: [{ host: 'one' }, { host: 'two' }] },
    });
  });

  it('rejects kustomization fields outside the subset, and patches that match nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kustomize-subset-'));
    try {
      writeFileSync(join(dir, 'cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n');
      writeFileSync(join(dir, 'kustomization.yaml'), 'resources: [cm.yaml]\nnamePrefix: x-\n');
      expect(() => renderKustomization(dir)).toThrow(/namePrefix.*outside the kustomize subset/);
      writeFileSync(join(dir, 'kustomization.yaml'), 'resources: [cm.yaml]\npatches:\n  - path: p.yaml\n');
      writeFileSync(join(dir, 'p.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: other\n');
      expect(() => renderKustomization(dir)).toThrow(/matches no resource/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  const kubectl = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8', timeout: 30_000 });
  it.skipIf(kubectl.status !== 0)('renders each overlay exactly as `kubectl kustomize` does (where kubectl is installed)', () => {
    for (const [name, objects] of Object.entries(rendered)) {
      const out = spawnSync('kubectl', ['kustomize', join(K8S, 'overlays', name)], { encoding: 'utf8', timeout: 60_000 });
      expect(out.status, out.stderr).toBe(0);
      const theirs = (parseYamlDocs(out.stdout, 'kubectl kustomize') as K8sObject[]).sort((a, b) =>
        resourceKey(a).localeCompare(resourceKey(b)),
      );
      const ours = [...objects].sort((a, b) => resourceKey(a).localeCompare(resourceKey(b)));
      expect(ours, name).toEqual(theirs);
    }
  });
});

describe.each(Object.entries(OVERLAYS))('overlay %s', (name, want) => {
  const objects = rendered[name]!;
  const config = find<IConfigMap>(objects, 'ConfigMap', 'interview-config');
  const configData = config.data ?? {};
  const api = find<IDeployment>(objects, 'Deployment', 'api');
  const worker = find<IDeployment>(objects, 'Deployment', 'worker');
  const migrate = find<IJob>(objects, 'Job', 'migrate');
  const scaled = find<ScaledObject>(objects, 'ScaledObject', 'worker');
  const hpa = find<IHorizontalPodAutoscaler>(objects, 'HorizontalPodAutoscaler', 'api');
  const workloads = objects.filter((o) => o.kind === 'Deployment' || o.kind === 'Job');

  it('renders the expected resources, every one valid against its official schema', () => {
    expect(objects.map((o) => `${o.kind}/${o.metadata.name}`).sort()).toEqual(
      [
        'ConfigMap/interview-config',
        'Deployment/api',
        'Deployment/worker',
        'HorizontalPodAutoscaler/api',
        'Ingress/api',
        'Job/migrate',
        `Namespace/${want.namespace}`,
        'NetworkPolicy/api',
        'NetworkPolicy/migrate',
        'NetworkPolicy/worker',
        'PodDisruptionBudget/api',
        'ScaledObject/worker',
        'Service/api',
        'ServiceAccount/interview',
        'TriggerAuthentication/redis-auth',
      ].sort(),
    );
    for (const o of objects) expect(schemaErrors(o), `${o.kind}/${o.metadata.name}`).toBeNull();
    expect(objects.flatMap(typoProblems)).toEqual([]);
  });

  it('puts everything in its namespace and uses the overlay image; no Secret is rendered', () => {
    for (const o of objects) {
      if (o.kind === 'Namespace') expect(o.metadata.name).toBe(want.namespace);
      else expect(o.metadata.namespace, `${o.kind}/${o.metadata.name}`).toBe(want.namespace);
    }
    expect(objects.some((o) => o.kind === 'Secret')).toBe(false);
    for (const w of workloads) for (const c of podSpecOf(w)!.containers) expect(c.image).toBe(want.image);
  });

  it('gives every container requests and limits, probes, and a non-root, read-only, unprivileged context', () => {
    for (const w of workloads) {
      const pod = podSpecOf(w)!;
      const at = `${w.kind}/${w.metadata.name}`;
      expect(pod.securityContext?.runAsNonRoot, at).toBe(true);
      // Numeric, or the kubelet cannot verify runAsNonRoot for the image's named `node` user.
      expect(pod.securityContext?.runAsUser, at).toBeGreaterThan(0);
      expect(pod.securityContext?.seccompProfile?.type, at).toBe('RuntimeDefault');
      expect(pod.automountServiceAccountToken, at).toBe(false);
      for (const c of pod.containers) {
        for (const r of ['cpu', 'memory']) {
          const request = quantity(c.resources?.requests?.[r]);
          const limit = quantity(c.resources?.limits?.[r]);
          expect(request, `${at} ${r} request`).toBeGreaterThan(0);
          expect(limit, `${at} ${r} limit`).toBeGreaterThanOrEqual(request);
        }
        expect(c.securityContext?.allowPrivilegeEscalation, at).toBe(false);
        expect(c.securityContext?.readOnlyRootFilesystem, at).toBe(true);
        expect(c.securityContext?.capabilities?.drop, at).toEqual(['ALL']);
        // tsx writes its transpile cache to os.tmpdir().
        const tmp = c.volumeMounts?.find((m) => m.mountPath === '/tmp');
        expect(pod.volumes?.find((v) => v.name === tmp?.name)?.emptyDir, `${at} /tmp emptyDir`).toBeDefined();
      }
    }
    // api on its http port (PORT), worker on its health server (WORKER_METRICS_PORT).
    for (const [d, portName, port] of [
      [api, 'http', Number(configData.PORT)],
      [worker, 'metrics', Number(configData.WORKER_METRICS_PORT)],
    ] as const) {
      const c = d.spec!.template.spec!.containers[0]!;
      const at = d.metadata?.name;
      expect(containerPort(c, portName), at).toBe(port);
      expect([c.livenessProbe?.httpGet?.path, probePort(c, c.livenessProbe)], at).toEqual(['/healthz', port]);
      expect([c.startupProbe?.httpGet?.path, probePort(c, c.startupProbe)], at).toEqual(['/healthz', port]);
      expect([c.readinessProbe?.httpGet?.path, probePort(c, c.readinessProbe)], at).toEqual(['/readyz', port]);
      // Prometheus' pod discovery scrapes the same port.
      expect(d.spec?.template.metadata?.annotations, at).toEqual({
        'prometheus.io/scrape': 'true',
        'prometheus.io/port': String(port),
        'prometheus.io/path': '/metrics',
      });
    }
  });

  it('runs ROLE=api and ROLE=worker from one image, with env from the ConfigMap and the Secret', () => {
    const role = (d: IDeployment) => d.spec?.template.spec?.containers[0]?.env?.find((e) => e.name === 'ROLE')?.value;
    expect([role(api), role(worker)]).toEqual(['api', 'worker']);
    expect(api.spec?.template.spec?.containers[0]?.image).toBe(worker.spec?.template.spec?.containers[0]?.image);
    for (const w of workloads) {
      for (const c of podSpecOf(w)!.containers) {
        expect(c.envFrom?.map((e) => e.configMapRef?.name ?? e.secretRef?.name)).toEqual(['interview-config', 'interview-secrets']);
        for (const e of c.env ?? []) expect(ENV_NAMES, `${w.metadata.name} env ${e.name}`).toContain(e.name);
      }
    }
    expect(migrate.spec?.template.spec?.containers[0]?.command).toEqual(MIGRATE_COMMAND);
    expect(existsSync(join(ROOT, MIGRATE_COMMAND[3]!))).toBe(true);
  });

  it('names only EnvSchema variables in the ConfigMap and the Secret, and together they configure scale-out', () => {
    const keys = [...Object.keys(configData), ...Object.keys(appSecret?.stringData ?? {})];
    for (const k of keys) expect(ENV_NAMES, k).toContain(k);
    for (const role of ['api', 'worker'] as const) {
      const cfg = loadConfig({ ...configData, ...appSecret?.stringData, ROLE: role });
      expect([cfg.profile, cfg.queueBackend, cfg.env.ROLE]).toEqual(['scale-out', 'redis', role]);
    }
    if (name === 'production') expect(configData.SEED_DEMO).toBe('false');
  });

  it('drains within the grace periods: worker ≥ app grace + margin, api = preStop + app grace', () => {
    expect(APP_GRACE_S).toBe(60);
    // The worker waits out one model call (LLM_TIMEOUT_MS from the ConfigMap) + margin; SIGKILL only after that.
    const drain = workerDrainS({ ...configData, ...appSecret?.stringData });
    expect(drain).toBe(Number(configData.LLM_TIMEOUT_MS) / 1000 + DRAIN_MARGIN_MS / 1000);
    expect(worker.spec?.template.spec?.terminationGracePeriodSeconds).toBeGreaterThanOrEqual(drain + 10);
    const apiPod = api.spec!.template.spec!;
    const preStop = apiPod.containers[0]?.lifecycle?.preStop?.exec?.command ?? [];
    expect(preStop[0]).toBe('sleep');
    const sleep = Number(preStop[1]);
    expect(sleep).toBeGreaterThanOrEqual(5);
    expect(apiPod.terminationGracePeriodSeconds).toBeGreaterThanOrEqual(sleep + APP_GRACE_S);
  });

  it('scales the api on CPU (HPA) and protects it with a PodDisruptionBudget', () => {
    expect(api.spec?.replicas).toBe(want.apiReplicas);
    expect(hpa.spec?.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'api' });
    expect(hpa.spec?.minReplicas).toBe(want.apiReplicas);
    expect(hpa.spec?.maxReplicas).toBeGreaterThan(want.apiReplicas);
    expect(hpa.spec?.metrics?.map((m) => [m.type, m.resource?.name])).toEqual([['Resource', 'cpu']]);
    const pdb = find<IPodDisruptionBudget>(objects, 'PodDisruptionBudget', 'api');
    expect(selects(pdb.spec?.selector?.matchLabels, podLabelsOf(api as unknown as K8sObject))).toBe(true);
    expect(selects(pdb.spec?.selector?.matchLabels, podLabelsOf(worker as unknown as K8sObject))).toBe(false);
  });

  it('scales the worker Deployment from zero on the BullMQ wait lists through KEDA', () => {
    const spec = scaled.spec;
    expect(spec.scaleTargetRef).toMatchObject({ kind: 'Deployment', name: 'worker' });
    expect(spec.minReplicaCount).toBe(0);
    expect(spec.maxReplicaCount).toBeGreaterThanOrEqual(1);
    // KEDA owns the count: a `replicas` in the manifest would fight it on every apply.
    expect(worker.spec?.replicas).toBeUndefined();
    const prefix = configData.QUEUE_PREFIX ?? '';
    const lists = spec.triggers.map((t) => [t.type, t.metadata.listName]);
    expect(WORKER_QUEUES).toEqual(['grade-answer', 'transcribe-audio', 'regrade']);
    for (const q of WORKER_QUEUES) expect(lists).toContainEqual(['redis', `bull:${prefix}${q}:wait`]);
    // A worker must still be up when a delayed retry becomes due.
    expect(spec.cooldownPeriod).toBeGreaterThanOrEqual(MAX_BACKOFF_S + (spec.pollingInterval ?? 30));
    const concurrency = Number(configData.WORKER_CONCURRENCY);
    for (const t of spec.triggers) {
      expect(Number(t.metadata.listLength)).toBeGreaterThanOrEqual(1);
      expect(Number(t.metadata.listLength)).toBeLessThanOrEqual(concurrency);
      const auth = find<TriggerAuthentication>(objects, 'TriggerAuthentication', t.authenticationRef?.name ?? '');
      const refs = auth.spec?.secretTargetRef ?? [];
      expect(refs.map((r) => r.parameter).sort()).toEqual(['address', 'password']);
      for (const r of refs) {
        expect(r.name).toBe(kedaSecret?.metadata?.name);
        expect(Object.keys(kedaSecret?.stringData ?? {})).toContain(r.key);
      }
    }
  });

  it('routes the Ingress (with WebSocket timeouts and /ws) to the api Service and its http port', () => {
    const ingress = find<IIngress>(objects, 'Ingress', 'api');
    expect(ingress.spec?.ingressClassName).toBe('nginx');
    expect(ingress.metadata?.annotations).toMatchObject({
      'nginx.ingress.kubernetes.io/proxy-read-timeout': '3600',
      'nginx.ingress.kubernetes.io/proxy-send-timeout': '3600',
    });
    // An upload of AUDIO_MAX_BYTES must get through nginx (whose default body limit is 1m).
    const bodyLimit = ingress.metadata?.annotations?.['nginx.ingress.kubernetes.io/proxy-body-size'];
    expect(quantity(bodyLimit?.replace(/m$/, 'Mi'))).toBeGreaterThanOrEqual(loadConfig(configData).env.AUDIO_MAX_BYTES);
    const paths = ingress.spec?.rules?.flatMap((r) => r.http?.paths ?? []) ?? [];
    expect(paths.map((p) => p.path)).toEqual(expect.arrayContaining(['/ws', '/']));
    const service = find<IService>(objects, 'Service', 'api');
    for (const p of paths) {
      expect(p.backend.service?.name).toBe('api');
      expect(service.spec?.ports?.some((sp) => sp.name === p.backend.service?.port?.name)).toBe(true);
    }
    expect(selects(service.spec?.selector, podLabelsOf(api as unknown as K8sObject))).toBe(true);
    expect(selects(service.spec?.selector, podLabelsOf(worker as unknown as K8sObject))).toBe(false);
    const c = api.spec!.template.spec!.containers[0]!;
    expect(containerPort(c, service.spec?.ports?.[0]?.targetPort)).toBe(Number(configData.PORT));
  });

  it('limits traffic with NetworkPolicies: api from ingress-nginx, metrics from monitoring; egress DNS, 5432, 6379, 443', () => {
    const policies = objects.filter((o) => o.kind === 'NetworkPolicy') as unknown as INetworkPolicy[];
    const policyFor = (w: K8sObject) => {
      const matching = policies.filter((p) => selects(p.spec?.podSelector.matchLabels, podLabelsOf(w)));
      expect(matching, `${w.kind}/${w.metadata.name}`).toHaveLength(1);
      return matching[0]!;
    };
    const egressPorts = (p: INetworkPolicy) => p.spec?.egress?.flatMap((e) => (e.ports ?? []).map((x) => `${x.protocol}/${x.port}`)) ?? [];
    const apiPolicy = policyFor(api as unknown as K8sObject);
    expect(apiPolicy.spec?.policyTypes).toEqual(['Ingress', 'Egress']);
    const sources = (p: INetworkPolicy) =>
      (p.spec?.ingress ?? []).map((r) => [r.from?.[0]?.namespaceSelector?.matchLabels?.['kubernetes.io/metadata.name'], r.ports]);
    const port = (n: string | undefined) => [{ protocol: 'TCP', port: Number(n) }];
    expect(sources(apiPolicy)).toEqual([
      ['ingress-nginx', port(configData.PORT)],
      ['monitoring', port(configData.PORT)],
    ]);
    expect(apiPolicy.spec?.ingress?.[0]?.from?.[0]?.podSelector?.matchLabels).toEqual({ 'app.kubernetes.io/name': 'ingress-nginx' });
    for (const w of [api, worker] as unknown as K8sObject[]) {
      expect(egressPorts(policyFor(w)).sort()).toEqual(['TCP/443', 'TCP/5432', 'TCP/53', 'TCP/6379', 'UDP/53'].sort());
    }
    const workerPolicy = policyFor(worker as unknown as K8sObject);
    expect(workerPolicy.spec?.policyTypes).toContain('Ingress');
    // Nothing but Prometheus connects to a worker, and only to its health/metrics port.
    expect(sources(workerPolicy)).toEqual([['monitoring', port(configData.WORKER_METRICS_PORT)]]);
    expect(egressPorts(policyFor(migrate as unknown as K8sObject)).sort()).toEqual(['TCP/5432', 'TCP/53', 'UDP/53'].sort());
  });

  it('keeps the Postgres connections of every pod at full scale within a default Postgres', () => {
    const pods = (hpa.spec?.maxReplicas ?? 0) + (scaled.spec.maxReplicaCount ?? 0);
    expect(pods * Number(configData.DATABASE_POOL_MAX) + 1).toBeLessThanOrEqual(POSTGRES_CONNECTION_BUDGET);
  });
});

describe('differences between the overlays', () => {
  it('dev runs one api replica, smaller pods and fewer workers than production', () => {
    const prod = rendered.production!;
    const dev = rendered.dev!;
    const so = (objs: K8sObject[]) => find<ScaledObject>(objs, 'ScaledObject', 'worker').spec.maxReplicaCount ?? 0;
    expect(so(dev)).toBeLessThan(so(prod));
    for (const d of ['api', 'worker']) {
      const limits = (objs: K8sObject[]) => find<IDeployment>(objs, 'Deployment', d).spec?.template.spec?.containers[0]?.resources;
      expect(quantity(limits(dev)?.limits?.memory)).toBeLessThan(quantity(limits(prod)?.limits?.memory));
      expect(quantity(limits(dev)?.requests?.cpu)).toBeLessThan(quantity(limits(prod)?.requests?.cpu));
    }
  });
});

describe('secret.example.yaml', () => {
  it('is an example only: valid Secrets, not listed in any kustomization', () => {
    expect(secretExample.map((s) => s.metadata?.name)).toEqual(['interview-secrets', 'interview-keda-redis']);
    for (const s of secretExample) expect(schemaErrors(s as unknown as K8sObject)).toBeNull();
    for (const dir of ['base', 'overlays/production', 'overlays/dev']) {
      expect(src(`infra/k8s/${dir}/kustomization.yaml`)).not.toMatch(/^\s*-\s*secret\.example\.yaml/m);
    }
  });

  it('holds DATABASE_URL, REDIS_URL and LLM_API_KEY, and a KEDA address that matches REDIS_URL', () => {
    expect(Object.keys(appSecret?.stringData ?? {}).sort()).toEqual(['DATABASE_URL', 'LLM_API_KEY', 'REDIS_URL', 'SESSION_SECRET']);
    expect(loadConfig({ ...appSecret?.stringData, LLM_MODEL: 'm' }).env.SESSION_SECRET).toBe(appSecret?.stringData?.SESSION_SECRET);
    const redis = new URL(appSecret?.stringData?.REDIS_URL ?? '');
    expect(kedaSecret?.stringData?.address).toBe(`${redis.hostname}:${redis.port || 6379}`);
    expect(kedaSecret?.stringData?.password).toBe(decodeURIComponent(redis.password));
  });
});

// ---------------------------------------------------------------------------------------------
// BullMQ's Redis layout, which the KEDA `redis` (list length) triggers depend on.

const bullmqEntry = createRequire(join(ROOT, 'packages/queue/package.json')).resolve('bullmq');
const bullmqCommands = join(dirname(bullmqEntry), 'commands');
const luaScript = (prefix: string) => {
  const file = readdirSync(bullmqCommands).find((f) => f.startsWith(`${prefix}-`) && f.endsWith('.lua'));
  if (!file) throw new Error(`bullmq has no ${prefix} script`);
  return readFileSync(join(bullmqCommands, file), 'utf8');
};

describe('BullMQ keeps waiting jobs in the Redis LIST bull:<queue>:wait', () => {
  it('names keys <prefix>:<queue>:<type> with the default prefix "bull"', async () => {
    const { QueueKeys } = (await import(bullmqEntry)) as { QueueKeys: new () => { toKey(name: string, type: string): string } };
    expect(new QueueKeys().toKey('grade-answer', 'wait')).toBe('bull:grade-answer:wait');
    expect(new QueueKeys().toKey('grade-answer', 'active')).toBe('bull:grade-answer:active');
  });

  it('pushes added jobs onto the wait list and RPOPLPUSHes them to the active list', () => {
    expect(luaScript('addStandardJob')).toMatch(/'RPUSH' or 'LPUSH'/);
    expect(luaScript('moveToActive')).toMatch(/RPOPLPUSH", waitKey, activeKey/);
  });

  const redisUrl = process.env.TEST_REDIS_URL || undefined;
  it.skipIf(!redisUrl)('stores a job added through @interview/queue in a LIST that LLEN counts (real Redis)', async () => {
    const prefix = `k8s-${randomUUID().slice(0, 8)}-`;
    const queues = createQueueRuntime({ kind: 'redis', url: redisUrl!, prefix });
    try {
      await queues.add('grade-answer', { answerId: randomUUID(), rubricVersionId: randomUUID() });
      const key = `bull:${prefix}grade-answer:wait`;
      expect(await redisCommand(redisUrl!, ['TYPE', key])).toBe('list');
      expect(await redisCommand(redisUrl!, ['LLEN', key])).toBe(1);
      await queues.queue('grade-answer').obliterate({ force: true });
    } finally {
      await queues.close();
    }
  });
});

/** One Redis command over RESP (no client library at the root of the workspace). */
function redisCommand(url: string, args: string[]): Promise<string | number> {
  const u = new URL(url);
  const encode = (parts: string[]) => `*${parts.length}\r\n${parts.map((p) => `$${Buffer.byteLength(p)}\r\n${p}\r\n`).join('')}`;
  const commands = [
    ...(u.password
      ? [u.username ? ['AUTH', decodeURIComponent(u.username), decodeURIComponent(u.password)] : ['AUTH', decodeURIComponent(u.password)]]
      : []),
    ...(u.pathname.length > 1 ? [['SELECT', u.pathname.slice(1)]] : []),
    args,
  ];
  return new Promise((resolve, reject) => {
    const socket = connect(Number(u.port || 6379), u.hostname);
    let buffer = '';
    socket.setTimeout(5_000, () => socket.destroy(new Error('redis timeout')));
    socket.on('error', reject);
    socket.on('connect', () => socket.write(commands.map(encode).join('')));
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      const replies = buffer.split('\r\n').filter((l) => /^[+:-]/.test(l));
      if (replies.length < commands.length) return;
      socket.end();
      const last = replies[commands.length - 1]!;
      if (last.startsWith('-')) reject(new Error(last.slice(1)));
      else resolve(last.startsWith(':') ? Number(last.slice(1)) : last.slice(1));
    });
  });
}
