import { gradeJobId, transcribeJobId } from '@interview/contracts/jobs';
import type { Db } from '@interview/db';
import { findAnswersAwaitingTranscript, findUngradedAnswers } from '@interview/db/queries/answers';
import type { QueueRuntime } from '@interview/queue';
import type { Log } from './logger';

export interface SweeperDeps {
  db: Db;
  queues: Pick<QueueRuntime, 'add' | 'queue'>;
  log: Log;
}

/**
 * A job that already failed while its answer still waits was abandoned without the processor's
 * last-attempt handling: BullMQ fails a job outright once it stalls more than `maxStalledCount`
 * times (its worker was killed twice while running it). Its id would turn the re-add into a
 * no-op and leave the answer stuck, so it is removed first; the processors are idempotent.
 */
async function dropFailedJob(queues: SweeperDeps['queues'], name: 'grade-answer' | 'transcribe-audio', jobId: string) {
  const job = await queues.queue(name).getJob(jobId);
  if (job && (await job.getState()) === 'failed') await job.remove();
}

/**
 * Re-enqueues submitted answers that have no grade, and spoken answers still without a
 * transcript (e.g. the queue was unreachable at submit time). Deterministic job ids make this
 * safe to run on every worker at once: a job that still exists is not added twice.
 */
export async function sweepUngradedAnswers(deps: SweeperDeps, options: { graceMs: number; limit: number }) {
  const olderThan = new Date(Date.now() - options.graceMs);
  const ungraded = await findUngradedAnswers(deps.db, { olderThan, limit: options.limit });
  for (const row of ungraded) {
    const jobId = gradeJobId(row.answerId, row.rubricVersionId);
    await dropFailedJob(deps.queues, 'grade-answer', jobId);
    await deps.queues.add('grade-answer', { ...row, reason: 'sweep' }, { jobId });
  }
  const untranscribed = await findAnswersAwaitingTranscript(deps.db, { olderThan, limit: options.limit });
  for (const { answerId } of untranscribed) {
    await dropFailedJob(deps.queues, 'transcribe-audio', transcribeJobId(answerId));
    await deps.queues.add('transcribe-audio', { answerId }, { jobId: transcribeJobId(answerId) });
  }
  const count = ungraded.length + untranscribed.length;
  if (count > 0) deps.log.info({ ungraded: ungraded.length, untranscribed: untranscribed.length }, 'sweeper re-enqueued answers');
  return count;
}

export function startSweeper(deps: SweeperDeps, options: { intervalMs: number; graceMs: number; limit?: number }) {
  let running = false;
  const timer = setInterval(async () => {
    if (running) return;
    running = true;
    try {
      await sweepUngradedAnswers(deps, { graceMs: options.graceMs, limit: options.limit ?? 500 });
    } catch (err) {
      deps.log.warn({ err: (err as Error).message }, 'sweeper run failed; will retry');
    } finally {
      running = false;
    }
  }, options.intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
