import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ENV_NAMES, ROOT, src } from './facts';

// "Every setting the docs mention exists in the code": each UPPER_SNAKE name in the docs is a
// variable of EnvSchema, or one of the few read by other code, where that code must really read it.

const DOCS = ['README.md', 'docs/operations.md', 'infra/README.md', 'infra/k8s/README.md'];

/** Read outside EnvSchema: by test suites and CI (a repository file), or by a dependency itself. */
const EXTERNAL: Record<string, { file: string } | { pkg: string; from: string }> = {
  TEST_DATABASE_URL: { file: 'packages/db/test/support.ts' },
  TEST_REDIS_URL: { file: 'packages/db/test/support.ts' },
  // The OTLP exporter merges these headers into every export (collector auth).
  OTEL_EXPORTER_OTLP_HEADERS: { pkg: '@opentelemetry/otlp-exporter-base', from: '@opentelemetry/exporter-trace-otlp-http' },
};

/** Names shaped like settings: upper case with an underscore (SIGTERM, ROLE and the like have none). */
function settingNames(text: string): string[] {
  return [...new Set(text.match(/\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b/g) ?? [])].sort();
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]));
}

/** Whether a dependency's shipped code contains the name (resolved the way the app resolves it). */
function packageReads(pkg: string, from: string, name: string): boolean {
  const fromEntry = createRequire(join(ROOT, 'apps/worker/package.json')).resolve(from);
  const entry = createRequire(fromEntry).resolve(pkg);
  const root = entry.slice(0, entry.lastIndexOf(`/node_modules/${pkg}/`) + `/node_modules/${pkg}/`.length);
  return filesUnder(dirname(join(root, 'package.json'))).some((f) => f.endsWith('.js') && readFileSync(f, 'utf8').includes(name));
}

describe('settings named in the docs', () => {
  it.each(DOCS)('%s names only settings the code reads', (doc) => {
    const names = settingNames(src(doc));
    expect(names.length).toBeGreaterThan(0);
    const unknown = names.filter((n) => !ENV_NAMES.has(n) && !(n in EXTERNAL));
    expect(unknown).toEqual([]);
  });

  it('reads each external setting where the list says', () => {
    for (const [name, where] of Object.entries(EXTERNAL)) {
      if ('file' in where) expect(src(where.file), name).toMatch(new RegExp(`process\\.env\\.${name}\\b`));
      else expect(packageReads(where.pkg, where.from, name), name).toBe(true);
    }
  });

  it('documents the deployment settings this issue added', () => {
    const ops = settingNames(src('docs/operations.md'));
    for (const n of ['WORKER_METRICS_PORT', 'OTEL_EXPORTER_OTLP_ENDPOINT', 'OTEL_SERVICE_NAME', 'SESSION_SECRET', 'LLM_TIMEOUT_MS'])
      expect(ops).toContain(n);
    expect(settingNames(src('README.md'))).toEqual(expect.arrayContaining(['WORKER_METRICS_PORT', 'OTEL_EXPORTER_OTLP_ENDPOINT']));
  });

  it('catches a setting the code does not read (the check above can fail)', () => {
    expect(settingNames('Set `LLM_TEMPERATURE` and `PORT`, then send SIGTERM.').filter((n) => !ENV_NAMES.has(n))).toEqual([
      'LLM_TEMPERATURE',
    ]);
  });
});
