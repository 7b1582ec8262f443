import { gradeJobId } from '@interview/contracts/jobs';
import type { Db } from '@interview/db';
import { findUngradedAnswers } from '@interview/db/queries/answers';
import type { QueueRuntime } from '@interview/queue';
import type { Log } from './logger';

export interface SweeperDeps {
  db: Db;
  queues: Pick<QueueRuntime, 'add'>;
  log: Log;
}

/**
 * Re-enqueues submitted answers that have no grade (e.g. the queue was unreachable at submit
 * time). The deterministic job id makes this safe to run on every worker at once.
 */
export async function sweepUngradedAnswers(deps: SweeperDeps, options: { graceMs: number; limit: number }) {
  const rows = await findUngradedAnswers(deps.db, { olderThan: new Date(Date.now() - options.graceMs), limit: options.limit });
  for (const row of rows) {
    await deps.queues.add('grade-answer', { ...row, reason: 'sweep' }, { jobId: gradeJobId(row.answerId, row.rubricVersionId) });
  }
  if (rows.length > 0) deps.log.info({ count: rows.length }, 'sweeper re-enqueued ungraded answers');
  return rows.length;
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
