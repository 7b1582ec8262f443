import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@interview/config';
import { createTestDatabase, type TestDatabase } from '@interview/db/testing';
import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import pino from 'pino';
import { TEST_DATABASE_URL, TEST_REDIS_URL, waitFor } from '../../../../packages/db/test/support';
import { type Running, start } from '../../src/boot/start';

export { TEST_DATABASE_URL, TEST_REDIS_URL, waitFor };

export type ApiProfile = 'embedded' | 'scale-out';

/** Embedded always; scale-out (real Postgres + Redis, separate worker) when both URLs are set. */
export const apiProfiles: ApiProfile[] = TEST_DATABASE_URL && TEST_REDIS_URL ? ['embedded', 'scale-out'] : ['embedded'];

export interface TestApi {
  profile: ApiProfile;
  running: Running;
  server: FastifyInstance;
  /** http://127.0.0.1:<port> of the listening server (for WebSocket clients). */
  url: string;
  /** Stops the process and boots a new one on the same data (a restart, or a crash-free redeploy). */
  restart(): Promise<void>;
  /** Raw SQL for assertions about what is stored. */
  sql<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /** Boots a second API process on the same database and queue (scale-out only). */
  startAnother(env?: Record<string, string>): Promise<Running>;
  close(): Promise<void>;
}

const log = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });

/**
 * Boots the real app through `start()` on a fresh database: the embedded profile on a temp data
 * folder, or scale-out on a new Postgres database and a unique Redis prefix (removed afterwards).
 */
export async function bootApi(profile: ApiProfile, env: Record<string, string> = {}): Promise<TestApi> {
  const base = { PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', SEED_DEMO: 'false', AUTH_RATE_LIMIT_PER_MIN: '1000', ...env };
  let dataDir: string | null = null;
  let testDb: TestDatabase | null = null;
  const prefix = `t${crypto.randomUUID().slice(0, 8)}-`;
  let source: Record<string, string>;
  if (profile === 'embedded') {
    dataDir = await mkdtemp(join(tmpdir(), 'interview-api-'));
    source = { ...base, DATA_DIR: dataDir };
  } else {
    testDb = await createTestDatabase('postgres', TEST_DATABASE_URL);
    source = { ...base, DATABASE_URL: testDb.url, REDIS_URL: TEST_REDIS_URL!, QUEUE_PREFIX: prefix };
  }
  const others: Running[] = [];
  const address = (r: Running) => {
    const a = r.server!.server.address();
    return typeof a === 'object' && a ? `http://127.0.0.1:${a.port}` : '';
  };
  const running = await start(loadConfig(source), log);
  const api: TestApi = {
    profile,
    running,
    server: running.server!,
    url: address(running),
    async restart() {
      await api.running.stop();
      api.running = await start(loadConfig(source), log);
      api.server = api.running.server!;
      api.url = address(api.running);
    },
    async sql(text, params) {
      return (await api.running.database.pool.query(text, params as unknown[])).rows;
    },
    async startAnother(extra = {}) {
      if (profile !== 'scale-out') throw new Error('a second process needs a shared Postgres');
      const other = await start(loadConfig({ ...source, ...extra }), log);
      others.push(other);
      return other;
    },
    async close() {
      for (const other of others) await other.stop();
      await api.running.stop();
      if (dataDir) await rm(dataDir, { recursive: true, force: true });
      if (testDb) {
        await testDb.drop();
        const redis = new Redis(TEST_REDIS_URL!);
        const keys = await redis.keys(`${prefix}*`);
        const bullKeys = await redis.keys(`bull:${prefix}*`);
        for (const k of [...keys, ...bullKeys]) await redis.del(k);
        redis.disconnect();
      }
    },
  };
  return api;
}
