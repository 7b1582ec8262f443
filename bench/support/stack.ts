/**
 * Boots the real product for a benchmark: the API through `start()` (exactly what `pnpm start`
 * runs) on a fresh database, and optionally the worker as its own `ROLE=worker` process, the way
 * the scale-out profile deploys it.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '@interview/config';
import { createTestDatabase, type TestDatabase } from '@interview/db/testing';
import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import pino from 'pino';
import { type Running, start } from '../../apps/api/src/boot/start';
import { type Backend, BENCH_DATABASE_URL, BENCH_REDIS_URL } from './common';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface Stack {
  backend: Backend;
  running: Running;
  server: FastifyInstance;
  /** http://127.0.0.1:<port> of the listening API. */
  url: string;
  /** The environment the API was booted with (a worker process gets the same). */
  env: Record<string, string>;
  sql<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /** Stops the API (and the worker process, if any) and removes the database and queue keys. */
  close(): Promise<void>;
}

const silent = pino({ level: process.env.BENCH_LOG_LEVEL ?? 'silent' });

/** The environment for a backend: a fresh database (and Redis prefix) of its own. */
async function backendEnv(backend: Backend) {
  const prefix = `b${crypto.randomUUID().slice(0, 8)}-`;
  if (backend === 'embedded') {
    const dataDir = await mkdtemp(join(tmpdir(), 'interview-bench-'));
    return { env: { DATA_DIR: dataDir }, prefix, dataDir, testDb: null };
  }
  const testDb = await createTestDatabase('postgres', BENCH_DATABASE_URL);
  const env: Record<string, string> = { DATABASE_URL: testDb.url, QUEUE_PREFIX: prefix };
  if (backend === 'redis') env.REDIS_URL = BENCH_REDIS_URL!;
  return { env, prefix, dataDir: null, testDb };
}

/** Removes every BullMQ key (and rate-limit counter) a run left under its prefix. */
export async function clearRedisPrefix(url: string, prefix: string) {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    for (const pattern of [`bull:${prefix}*`, `${prefix}*`]) {
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
        cursor = next;
        if (keys.length) await redis.del(...keys);
      } while (cursor !== '0');
    }
  } finally {
    redis.disconnect();
  }
}

export interface ChildRole {
  child: ChildProcess;
  output(): string;
  /** SIGTERM (graceful drain) or SIGKILL, then waits for the exit. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * `node --import tsx apps/api/src/main.ts` with `env`: the deployed entry point, as a child process.
 * BENCH_CHILD_NODE_ARGS are added to its node flags (e.g. `--cpu-prof --cpu-prof-dir=prof` to profile it).
 */
export function spawnRole(env: Record<string, string>): ChildRole {
  const nodeArgs = process.env.BENCH_CHILD_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'apps/api/src/main.ts'], {
    cwd: REPO_ROOT,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      WORKER_METRICS_PORT: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (d: Buffer) => {
    output = (output + d.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return {
    child,
    output: () => output,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill(signal);
      await exited;
    },
  };
}

export interface StackOptions {
  /** Extra settings for the API (and the worker process). */
  env?: Record<string, string>;
  /**
   * 'in-process': ROLE=all in this process (the only choice on embedded). 'process': the API
   * here with ROLE=api, the worker as a separate ROLE=worker process. 'none': ROLE=api and no
   * worker at all (jobs wait in the queue), for measuring the API alone; embedded runs ROLE=all.
   */
  worker?: 'in-process' | 'process' | 'none';
}

export async function bootStack(backend: Backend, opts: StackOptions = {}): Promise<Stack & { worker: ChildRole | null }> {
  const { env: dbEnv, prefix, dataDir, testDb } = await backendEnv(backend);
  const separate = backend !== 'embedded' && opts.worker === 'process';
  const role = backend === 'embedded' || opts.worker === 'in-process' || opts.worker === undefined ? 'all' : 'api';
  const env: Record<string, string> = {
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'silent',
    SEED_DEMO: 'false',
    AUTH_RATE_LIMIT_PER_MIN: '10000',
    ...dbEnv,
    ...opts.env,
  };
  // The worker process starts first: it compiles while the API seeds the bank.
  const worker = separate ? spawnRole({ ...env, ROLE: 'worker', LOG_LEVEL: 'warn' }) : null;
  let running: Running;
  try {
    running = await start(loadConfig({ ...env, ROLE: role }), silent);
  } catch (err) {
    await worker?.stop('SIGKILL');
    await cleanup(testDb, dataDir, backend, prefix);
    throw err;
  }
  const server = running.server!;
  const address = server.server.address();
  const url = typeof address === 'object' && address ? `http://127.0.0.1:${address.port}` : '';
  return {
    backend,
    running,
    server,
    url,
    env,
    worker,
    async sql(text, params) {
      return (await running.database.pool.query(text, params as unknown[])).rows;
    },
    async close() {
      await worker?.stop('SIGTERM');
      await running.stop();
      await cleanup(testDb, dataDir, backend, prefix);
    },
  };
}

async function cleanup(testDb: TestDatabase | null, dataDir: string | null, backend: Backend, prefix: string) {
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
  if (testDb) await testDb.drop();
  if (backend === 'redis') await clearRedisPrefix(BENCH_REDIS_URL!, prefix);
}
