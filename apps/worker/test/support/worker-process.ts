/**
 * A grading worker process for kill tests: the real `startWorkers` (processors, backoff, sweeper
 * off) on the database and queue the environment names, as `ROLE=worker` would run it, except
 * that job locks last TEST_LOCK_DURATION_MS instead of BullMQ's 30 s, so a test that kills it
 * with SIGKILL sees the stalled jobs reclaimed within seconds.
 *
 *   node --import tsx apps/worker/test/support/worker-process.ts   (env: DATABASE_URL, REDIS_URL?,
 *   QUEUE_PREFIX, LLM_*, WORKER_CONCURRENCY, TEST_LOCK_DURATION_MS)
 *
 * Prints "worker ready" once its workers are listening for jobs.
 */
import { loadConfig } from '@interview/config';
import { createMemoryEventBus } from '@interview/events';
import { createQueueRuntime, type QueueRuntime } from '@interview/queue';
import { openDatabase } from '../../../api/src/boot/database';
import { queueOptions } from '../../../api/src/boot/start';
import { createGrader, startWorkers } from '../../src/index';

const config = loadConfig(process.env);
const lockDuration = Number(process.env.TEST_LOCK_DURATION_MS ?? 30_000);
const log = { info() {}, warn() {}, error: (obj: object, msg?: string) => console.error(msg ?? '', JSON.stringify(obj)) };

const database = await openDatabase(config, () => {});
const base = createQueueRuntime(queueOptions(config, database));
const queues: QueueRuntime = {
  ...base,
  worker: (name, processor, opts) =>
    base.worker(name, processor, { ...opts, lockDuration, stalledInterval: Math.max(250, Math.floor(lockDuration / 2)) }),
};
const workers = startWorkers({
  db: database.db,
  queues,
  grader: createGrader(config.env),
  transcriber: null,
  events: createMemoryEventBus(),
  log,
  env: config.env,
  sweepIntervalMs: 3_600_000,
});
await Promise.all(workers.workers.map((w) => w.waitUntilReady()));
console.log('worker ready');

process.on('SIGTERM', async () => {
  await workers.close();
  await base.close();
  await database.close();
  process.exit(0);
});
