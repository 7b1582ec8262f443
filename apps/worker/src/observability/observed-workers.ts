import { sql } from 'drizzle-orm';
import { collectDefaultMetrics } from 'prom-client';
import { startWorkers, type WorkerDeps } from '../start-workers';
import { type HealthServer, startHealthServer } from './health-server';
import { createWorkerMetrics } from './metrics';
import { withTimeout } from './timeout';

/** Under the readiness probe's 3 s timeout (infra/k8s), so a hung dependency reads as a clear 503. */
const CHECK_TIMEOUT_MS = 2_000;

export interface ObservedWorkerOptions {
  host: string;
  /** Health/metrics server port; 0 = any free port (tests), null = no server (WORKER_METRICS_PORT=0). */
  port: number | null;
}

/**
 * ROLE=worker: the processors plus their health and metrics server. close() turns /readyz to 503
 * at once, drains in-flight jobs, and only then stops the server, so probes and scrapes see the drain.
 */
export async function startObservedWorkers(deps: WorkerDeps, opts: ObservedWorkerOptions) {
  const metrics = createWorkerMetrics(deps.queues);
  collectDefaultMetrics({ register: metrics.registry });
  let draining = false;
  let server: HealthServer | null = null;
  // The server first: a port already in use fails start-up before any job is taken.
  if (opts.port !== null) {
    server = await startHealthServer({
      host: opts.host,
      port: opts.port,
      registry: metrics.registry,
      isDraining: () => draining,
      checkDependencies: async () => {
        const [db, queue] = await Promise.allSettled([
          withTimeout(deps.db.execute(sql`select 1`), CHECK_TIMEOUT_MS, 'database check'),
          withTimeout(deps.queues.queue('grade-answer').getJobCounts('waiting'), CHECK_TIMEOUT_MS, 'queue check'),
        ]);
        if (db.status === 'rejected') throw new Error('database unavailable');
        if (queue.status === 'rejected') throw new Error(`queue backend (${deps.queues.backend}) unavailable`);
      },
    });
    deps.log.info({ port: server.port }, `worker health and metrics on :${server.port}`);
  }
  const running = startWorkers({ ...deps, observer: metrics });
  return {
    workers: running.workers,
    metrics,
    port: server?.port ?? null,
    async close() {
      draining = true;
      try {
        await running.close();
      } finally {
        await server?.close();
      }
    },
  };
}
