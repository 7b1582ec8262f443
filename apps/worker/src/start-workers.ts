import type { Env } from '@interview/config';
import type { Db } from '@interview/db';
import type { EventBus } from '@interview/events';
import type { Grader } from '@interview/grader';
import type { QueueRuntime } from '@interview/queue';
import type { Worker } from 'bullmq';
import { gradingBackoff } from './grading/backoff';
import { createGradeAnswerProcessor } from './grading/grade-answer.processor';
import { createRegradeProcessor } from './grading/regrade.processor';
import type { Log } from './logger';
import type { WorkerObserver } from './observability/metrics';
import { createRoomPublisher } from './room-events';
import { startSweeper } from './sweeper';
import { createTranscribeAudioProcessor } from './transcription/transcribe-audio.processor';
import type { Transcriber } from './transcription/transcriber';

export interface WorkerDeps {
  db: Db;
  queues: QueueRuntime;
  grader: Grader;
  transcriber: Transcriber | null;
  events: Pick<EventBus, 'publish'>;
  log: Log;
  env: Pick<Env, 'WORKER_CONCURRENCY' | 'WORKER_RATE_LIMIT_PER_SEC'>;
  sweepIntervalMs?: number;
  /** Metrics (observability/metrics.ts): sees every worker and every grader result. */
  observer?: WorkerObserver;
}

/** Starts every processor plus the sweeper; `close()` drains in-flight jobs before returning. */
export function startWorkers(deps: WorkerDeps) {
  const room = createRoomPublisher(deps);
  // The provider's rate limit applies to model calls: grading and transcription share it.
  const limiter = deps.env.WORKER_RATE_LIMIT_PER_SEC > 0 ? { max: deps.env.WORKER_RATE_LIMIT_PER_SEC, duration: 1_000 } : undefined;
  const settings = { backoffStrategy: gradingBackoff };

  const gradeAnswer = createGradeAnswerProcessor({ ...deps, onGraded: room.gradeReady, onResult: deps.observer?.gradeResult });

  const workers: Worker[] = [
    deps.queues.worker('grade-answer', gradeAnswer, {
      concurrency: deps.env.WORKER_CONCURRENCY,
      limiter,
      settings,
    }),
    deps.queues.worker('transcribe-audio', createTranscribeAudioProcessor({ ...deps, room }), {
      concurrency: Math.max(1, Math.ceil(deps.env.WORKER_CONCURRENCY / 4)),
      limiter,
      settings,
    }),
    deps.queues.worker('regrade', createRegradeProcessor(deps), { concurrency: 1 }),
  ];
  for (const w of workers) {
    deps.observer?.watch(w);
    w.on('failed', (job, err) =>
      deps.log.warn({ queue: w.name, jobId: job?.id, attemptsMade: job?.attemptsMade, err: err.message }, 'job failed'),
    );
    w.on('error', (err) => deps.log.error({ queue: w.name, err: err.message }, 'worker error'));
  }

  const sweeper = startSweeper(deps, { intervalMs: deps.sweepIntervalMs ?? 30_000, graceMs: 60_000 });

  return {
    workers,
    async close() {
      sweeper.stop();
      // Worker.close() waits for in-flight jobs; queues are closed by their owner.
      await Promise.all(workers.map((w) => w.close()));
    },
  };
}
