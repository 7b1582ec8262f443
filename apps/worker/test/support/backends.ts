import { createDb, type DbHandle, runMigrations } from '@interview/db';
import { createTestDatabase, type TestDatabase } from '@interview/db/testing';
import { createQueueRuntime, type QueueBackendOptions, type QueueRuntime } from '@interview/queue';
import { dbKinds, TEST_DATABASE_URL, TEST_REDIS_URL } from '../../../../packages/db/test/support';

export { TEST_DATABASE_URL, TEST_REDIS_URL };

export interface BackendCase {
  name: string;
  db: 'embedded' | 'postgres';
  queue: 'postgres' | 'redis';
}

/** Every runtime profile the env allows: embedded always; Postgres and Redis when their URLs are set. */
export const backendCases: BackendCase[] = [
  ...dbKinds.map((db) => ({ name: `${db} database + BullMQ Postgres`, db, queue: 'postgres' as const })),
  ...(TEST_DATABASE_URL && TEST_REDIS_URL
    ? [{ name: 'postgres database + BullMQ Redis', db: 'postgres' as const, queue: 'redis' as const }]
    : []),
];

/** The cases that need a real Postgres (a second process must reach the database). */
export const postgresCases = backendCases.filter((c) => c.db === 'postgres');

export const silentLog = { info() {}, warn() {}, error() {} };

/** A migrated, isolated database for one describe block, plus queue runtimes on fresh prefixes. */
export interface Backend {
  testDb: TestDatabase;
  handle: DbHandle;
  queueOptions(prefix: string): QueueBackendOptions & { prefix: string };
  /** A queue runtime on a new, unique prefix; closed (and obliterated on Redis) by `cleanup`. */
  queues(): QueueRuntime & { prefix: string };
  /** Closes the runtimes made since the last cleanup and removes their Redis keys. */
  cleanup(): Promise<void>;
  close(): Promise<void>;
}

export function uniquePrefix() {
  return `t${crypto.randomUUID().slice(0, 8)}-`;
}

export async function openBackend(c: BackendCase): Promise<Backend> {
  const testDb = await createTestDatabase(c.db, TEST_DATABASE_URL);
  const handle = createDb(testDb.url, { max: 8 });
  await runMigrations(handle.pool);
  const runtimes: QueueRuntime[] = [];

  const queueOptions = (prefix: string): QueueBackendOptions & { prefix: string } =>
    c.queue === 'redis' ? { kind: 'redis', url: TEST_REDIS_URL!, prefix } : { kind: 'postgres', ...testDb.queue, prefix };

  const backend: Backend = {
    testDb,
    handle,
    queueOptions,
    queues() {
      const prefix = uniquePrefix();
      const runtime = createQueueRuntime(queueOptions(prefix));
      runtimes.push(runtime);
      return Object.assign(runtime, { prefix });
    },
    async cleanup() {
      const list = runtimes.splice(0);
      for (const runtime of list) {
        // Workers first, so obliterate does not race an active job.
        if (c.queue === 'redis') {
          await runtime.close();
          const q = createQueueRuntime(queueOptions((runtime as QueueRuntime & { prefix: string }).prefix));
          await q.queue('grade-answer').obliterate({ force: true });
          await q.close();
        } else {
          // On Postgres the queue's rows go with the database.
          await runtime.close();
        }
      }
    },
    async close() {
      await backend.cleanup();
      await handle.close();
      await testDb.drop();
    },
  };
  return backend;
}
