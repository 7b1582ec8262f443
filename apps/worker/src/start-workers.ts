import type { Env } from '@interview/config';
import type { Db } from '@interview/db';
import type { Grader } from '@interview/grader';
import type { QueueRuntime } from '@interview/queue';
import { gradingBackoff } from './grading/backoff';
import { createGradeAnswerProcessor, type GradeAnswerDeps } from './grading/grade-answer.processor';
import type { Log } from './logger';
import { startSweeper } from './sweeper';

export interface WorkerDeps {
  db: Db;
  queues: QueueRuntime;
  grader: Grader;
  log: Log;
  env: Pick<Env, 'WORKER_CONCURRENCY' | 'WORKER_RATE_LIMIT_PER_SEC'>;
  onGraded?: GradeAnswerDeps['onGraded'];
  sweepIntervalMs?: number;
}

/** Starts every processor plus the sweeper; `close()` drains in-flight jobs before returning. */
export function startWorkers(deps: WorkerDeps) {
  const limiter = deps.env.WORKER_RATE_LIMIT_PER_SEC > 0 ? { max: deps.env.WORKER_RATE_LIMIT_PER_SEC, duration: 1_000 } : undefined;
  const grading = deps.queues.worker('grade-answer', createGradeAnswerProcessor(deps), {
    concurrency: deps.env.WORKER_CONCURRENCY,
    limiter,
    settings: { backoffStrategy: gradingBackoff },
  });
  grading.on('failed', (job, err) =>
    deps.log.warn({ jobId: job?.id, attemptsMade: job?.attemptsMade, err: err.message }, 'grade job failed'),
  );
  grading.on('error', (err) => deps.log.error({ err: err.message }, 'grade worker error'));

  const sweeper = startSweeper(deps, { intervalMs: deps.sweepIntervalMs ?? 30_000, graceMs: 60_000 });

  return {
    workers: [grading],
    async close() {
      sweeper.stop();
      // Worker.close() waits for in-flight jobs; queues are closed by their owner.
      await grading.close();
    },
  };
}
