import { QUEUE_NAMES, type QueueName } from '@interview/contracts/jobs';
import type { FastifyBaseLogger } from 'fastify';
import { Gauge, type Registry } from 'prom-client';
import type { AppDeps } from '../app';
import { perScrape, withTimeout } from './scrape';

export const JOB_STATES = ['waiting', 'active', 'delayed', 'failed', 'completed'] as const;
type Counts = Record<(typeof JOB_STATES)[number], number>;
/** A scrape waits at most this long for a queue; Prometheus' own scrape timeout is usually 10 s. */
const QUEUE_TIMEOUT_MS = 1_000;

/** Job counts per queue and state, read from the backend at scrape time (shared by every process). */
export function registerQueueMetrics(registry: Registry, queues: AppDeps['queues'], log: FastifyBaseLogger) {
  const read = perScrape(() =>
    Promise.all(
      QUEUE_NAMES.map(async (queue): Promise<{ queue: QueueName; counts: Counts | null }> => {
        try {
          const counts = await withTimeout(queues.queue(queue).getJobCounts(...JOB_STATES), QUEUE_TIMEOUT_MS, `job counts of ${queue}`);
          return { queue, counts: counts as Counts };
        } catch (err) {
          log.warn({ err: (err as Error).message, queue }, 'queue metrics unavailable');
          return { queue, counts: null };
        }
      }),
    ),
  );

  new Gauge({
    name: 'queue_jobs',
    help: 'Jobs per queue and state, read from the queue backend at scrape time',
    labelNames: ['queue', 'state'],
    registers: [registry],
    async collect() {
      const all = await read();
      // A queue that did not answer gets no samples rather than stale ones; queue_up says why.
      this.reset();
      for (const { queue, counts } of all) if (counts) for (const state of JOB_STATES) this.set({ queue, state }, counts[state] ?? 0);
    },
  });
  new Gauge({
    name: 'queue_up',
    help: 'Whether the queue backend answered this scrape (1) or failed or timed out (0)',
    labelNames: ['queue'],
    registers: [registry],
    async collect() {
      for (const { queue, counts } of await read()) this.set({ queue }, counts ? 1 : 0);
    },
  });
}
