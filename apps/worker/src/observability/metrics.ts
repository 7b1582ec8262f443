import type { GradeResult } from '@interview/contracts/grade';
import type { QueueName } from '@interview/contracts/jobs';
import type { QueueRuntime } from '@interview/queue';
import type { Worker } from 'bullmq';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { withTimeout } from './timeout';

/** The queues a worker process consumes (start-workers.ts); the api's item-deadline is not one. */
export const WORKER_QUEUES = ['grade-answer', 'transcribe-audio', 'regrade'] as const satisfies readonly QueueName[];

/** A scrape waits at most this long for the queue backend; Prometheus' own timeout is usually 10 s. */
const DEPTH_TIMEOUT_MS = 1_000;

/** What startWorkers tells its observer: every worker it starts and every grader result. */
export interface WorkerObserver {
  watch(worker: Worker): void;
  gradeResult(result: GradeResult): void;
}

export interface WorkerMetrics extends WorkerObserver {
  registry: Registry;
}

/**
 * Per-process Prometheus metrics of a worker, in a registry of its own. Names carry a `worker_`
 * prefix: the api's grades_total / llm_tokens_total are read from the database (fleet totals),
 * these count what this process did, so the two never collide on one Prometheus.
 */
export function createWorkerMetrics(queues: Pick<QueueRuntime, 'queue'>): WorkerMetrics {
  const registry = new Registry();
  const registers = [registry];
  const completed = new Counter({
    name: 'worker_jobs_completed_total',
    help: 'Jobs this worker finished, by queue',
    labelNames: ['queue'],
    registers,
  });
  const failed = new Counter({
    name: 'worker_jobs_failed_total',
    help: 'Failed job attempts in this worker, by queue (retried attempts included)',
    labelNames: ['queue'],
    registers,
  });
  const duration = new Histogram({
    name: 'worker_grade_duration_seconds',
    help: 'Time the grader took per answer (model calls included), by grader',
    labelNames: ['grader'],
    buckets: [0.05, 0.25, 0.5, 1, 2, 4, 8, 15, 30, 60, 120],
    registers,
  });
  const tokens = new Counter({
    name: 'worker_llm_tokens_total',
    help: 'LLM tokens spent by this worker on grading, by kind',
    labelNames: ['kind', 'model'],
    registers,
  });
  const cost = new Counter({
    name: 'worker_llm_cost_usd_total',
    help: 'Estimated LLM cost of grading in this worker, in US dollars',
    labelNames: ['model'],
    registers,
  });
  new Gauge({
    name: 'worker_queue_depth',
    help: 'Jobs waiting to be taken (waiting + prioritised), by queue, read at scrape time',
    labelNames: ['queue'],
    registers,
    async collect() {
      const depths = await Promise.all(
        WORKER_QUEUES.map(async (queue) => {
          try {
            const c = await withTimeout(queues.queue(queue).getJobCounts('waiting', 'prioritized'), DEPTH_TIMEOUT_MS, 'queue depth');
            return { queue, n: (c.waiting ?? 0) + (c.prioritized ?? 0) };
          } catch {
            return { queue, n: null };
          }
        }),
      );
      // An unreachable backend yields no sample rather than a stale or false zero.
      this.reset();
      for (const { queue, n } of depths) if (n !== null) this.set({ queue }, n);
    },
  });

  return {
    registry,
    watch(worker) {
      const queue = queueLabel(worker.name);
      worker.on('completed', () => completed.inc({ queue }));
      worker.on('failed', () => failed.inc({ queue }));
    },
    gradeResult(result) {
      duration.observe({ grader: result.grader }, result.latencyMs / 1000);
      const model = result.model ?? result.grader;
      if (result.usage) {
        tokens.inc({ kind: 'prompt', model }, result.usage.promptTokens);
        tokens.inc({ kind: 'completion', model }, result.usage.completionTokens);
        tokens.inc({ kind: 'cached', model }, result.usage.cachedTokens);
      }
      if (result.costUsd) cost.inc({ model }, result.costUsd);
    },
  };
}

/** Worker names carry QUEUE_PREFIX; the label is the bare queue name so dashboards need no prefix. */
function queueLabel(workerName: string): string {
  return WORKER_QUEUES.find((q) => workerName.endsWith(q)) ?? workerName;
}
