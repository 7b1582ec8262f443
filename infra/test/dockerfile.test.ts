import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { DockerfileParser } from 'dockerfile-ast';
import { validate } from 'dockerfile-utils';
import { describe, expect, it } from 'vitest';
import { DOCKER_HEALTHCHECK, ROOT, src } from './facts';

// No Docker engine in CI: the Dockerfile is linted with dockerfile-utils (the validator behind the
// Docker language server; hadolint is on neither npm nor Debian), then checked against our rules.
const text = src('Dockerfile');
const dockerfile = DockerfileParser.parse(text);
/** Keyword and everything after it, flags (--from=...) included. */
const instructions = dockerfile
  .getInstructions()
  .map((i) => ({ keyword: i.getKeyword(), args: i.getTextContent().replace(/^\S+\s+/, '') }));
const stages = dockerfile.getFROMs().map((f) => f.getBuildStage());
/** Instructions of the final stage (the image that runs). */
const lastFrom = instructions.map((i) => i.keyword).lastIndexOf('FROM');
const runtime = instructions.slice(lastFrom);
const runs = instructions.filter((i) => i.keyword === 'RUN').map((i) => i.args);

describe('Dockerfile', () => {
  it('passes the dockerfile-utils linter with no problem at all', () => {
    expect(validate(text).map((d) => `line ${d.range.start.line + 1}: ${d.message}`)).toEqual([]);
  });

  it('is multi-stage: a build stage, a production-deps stage and a runtime stage from a Node 20 image', () => {
    expect(stages).toEqual(['base', 'build', 'prod-deps', 'runtime']);
    expect(/^ARG NODE_IMAGE=node:20[-.\w]*$/m.test(text)).toBe(true);
    expect(runtime[0]?.args).toBe(`${'$'}{NODE_IMAGE} AS runtime`);
  });

  it('installs from the lockfile only, pins pnpm, and prunes to production dependencies', () => {
    expect(runs.some((r) => /pnpm install --offline --frozen-lockfile && pnpm build:web/.test(r))).toBe(true);
    expect(runs.some((r) => /pnpm install --offline --frozen-lockfile --prod/.test(r))).toBe(true);
    for (const r of runs.filter((r) => /pnpm install/.test(r))) expect(r).toMatch(/--frozen-lockfile/);
    expect(runs.some((r) => /npm install -g pnpm@\d+\.\d+\.\d+ /.test(r))).toBe(true);
    // The runtime stage copies from prod-deps, never the build stage's full node_modules.
    const copies = runtime.filter((i) => i.keyword === 'COPY').map((i) => i.args);
    expect(copies.filter((c) => c.includes('node_modules'))).toEqual(['--from=prod-deps /app/node_modules ./node_modules']);
    expect(copies.filter((c) => c.startsWith('--from=build')).map((c) => c.split(' ')[1])).toEqual([
      '/app/apps/web/dist',
      '/app/infra/docker/healthcheck.mjs',
    ]);
  });

  it('runs as a non-root user, with a healthcheck, through tsx (a production dependency)', () => {
    const user = runtime.filter((i) => i.keyword === 'USER').at(-1)?.args;
    expect(user).toBe('1000:1000');
    expect(DOCKER_HEALTHCHECK).toEqual(['node', 'infra/docker/healthcheck.mjs']);
    expect(existsSync(join(ROOT, DOCKER_HEALTHCHECK![1]!))).toBe(true);
    expect(runtime.find((i) => i.keyword === 'CMD')?.args).toBe('["node", "--import", "tsx", "apps/api/src/main.ts"]');
    // `node --import tsx` resolves tsx from /app: it must survive `pnpm install --prod` at the root.
    const root = JSON.parse(src('package.json')) as { dependencies?: Record<string, string> };
    expect(root.dependencies?.tsx).toBeDefined();
  });

  it('keeps tests, benchmarks, docs and secrets out of the build context', () => {
    const ignored = src('.dockerignore').split('\n');
    for (const p of ['.git', '.data', '**/node_modules', '**/test', 'bench', 'infra', '!infra/docker']) expect(ignored).toContain(p);
  });
});

describe('infra/docker/healthcheck.mjs (the image HEALTHCHECK)', () => {
  async function serve(status: number) {
    const server = createServer((req, res) => {
      res.writeHead(req.url === '/healthz' ? status : 404);
      res.end();
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    return { port: String((server.address() as AddressInfo).port), close: () => server.close() };
  }
  async function check(env: Record<string, string>): Promise<number | null> {
    const child = spawn(process.execPath, [join(ROOT, 'infra/docker/healthcheck.mjs')], { env: { PATH: process.env.PATH, ...env } });
    const [code] = await once(child, 'exit');
    return code as number | null;
  }

  it('asks /healthz on PORT for the api, on WORKER_METRICS_PORT for a worker', async () => {
    const up = await serve(200);
    const down = await serve(503);
    try {
      expect(await check({ ROLE: 'api', PORT: up.port, WORKER_METRICS_PORT: down.port })).toBe(0);
      expect(await check({ ROLE: 'api', PORT: down.port, WORKER_METRICS_PORT: up.port })).toBe(1);
      expect(await check({ ROLE: 'worker', PORT: down.port, WORKER_METRICS_PORT: up.port })).toBe(0);
      expect(await check({ ROLE: 'worker', PORT: up.port, WORKER_METRICS_PORT: down.port })).toBe(1);
    } finally {
      up.close();
      down.close();
    }
  });

  it('fails when nothing listens, and passes for a worker whose health server is off', async () => {
    const gone = await serve(200);
    gone.close();
    expect(await check({ ROLE: 'api', PORT: gone.port })).toBe(1);
    expect(await check({ ROLE: 'worker', WORKER_METRICS_PORT: '0' })).toBe(0);
  });
});
