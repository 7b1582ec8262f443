import type { Db } from '@interview/db';
import { findOverdueInterviews, findOverdueItems } from '@interview/db/queries/interviews';
import type { QueueRuntime } from '@interview/queue';
import type { InterviewService } from './interview.service';

const CLOSE_GRACE_MS = 5_000;

/**
 * Runs the durable deadline jobs (BullMQ delayed jobs survive restarts) plus a periodic sweep for
 * deadlines whose job was never enqueued (the queue was down at that moment).
 */
export function startDeadlineWorker(deps: {
  db: Db;
  queues: Pick<QueueRuntime, 'worker'>;
  service: Pick<InterviewService, 'expireItem' | 'expireInterview'>;
  log: { warn(obj: object, msg: string): void };
  sweep: { intervalMs: number; graceMs: number };
}) {
  const worker = deps.queues.worker('item-deadline', async (data) => deps.service.expireItem(data.itemId, data.interviewId), {
    concurrency: 4,
  });
  worker.on('failed', (job, err) => deps.log.warn({ jobId: job?.id, err: err.message }, 'deadline job failed'));
  worker.on('error', (err) => deps.log.warn({ err: err.message }, 'deadline worker error'));

  let running = false;
  const sweep = async () => {
    if (running) return;
    running = true;
    try {
      const before = new Date(Date.now() - deps.sweep.graceMs);
      for (const o of await findOverdueItems(deps.db, { before, limit: 100 })) await deps.service.expireItem(o.itemId, o.interviewId);
      for (const o of await findOverdueInterviews(deps.db, { before, limit: 100 })) await deps.service.expireInterview(o.interviewId);
    } catch (err) {
      deps.log.warn({ err: (err as Error).message }, 'deadline sweep failed');
    } finally {
      running = false;
    }
  };
  const timer = setInterval(sweep, deps.sweep.intervalMs);
  timer.unref();

  return {
    sweep,
    /**
     * Lets an in-flight deadline finish, but never blocks shutdown for long (e.g. Redis is down):
     * handlers are idempotent, so a job cut short is simply redone by the next process.
     */
    async close() {
      clearInterval(timer);
      const closed = worker.close().then(() => true);
      const wait = (ms: number) => new Promise<false>((resolve) => setTimeout(() => resolve(false), ms).unref());
      if (!(await Promise.race([closed, wait(CLOSE_GRACE_MS)]))) await Promise.race([worker.close(true), wait(1_000)]);
    },
  };
}
