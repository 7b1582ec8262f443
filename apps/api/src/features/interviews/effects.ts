import type { RoomEvent } from '@interview/contracts/events';
import { gradeJobId, transcribeJobId } from '@interview/contracts/jobs';
import type { Db } from '@interview/db';
import { findGradingTarget } from '@interview/db/queries/answers';
import type { EventBus } from '@interview/events';
import type { QueueRuntime } from '@interview/queue';

export const deadlineJobId = (itemId: string, at: Date) => `deadline-${itemId}-${at.getTime()}`;

export interface EffectDeps {
  db: Db;
  queues: Pick<QueueRuntime, 'add'>;
  events: Pick<EventBus, 'publish'>;
  log: { warn(obj: object, msg: string): void };
}

/**
 * Side effects of a state transition, run only after its transaction commits: jobs must never
 * point at rows that were rolled back. If one fails (queue down), the data is already safe and
 * the sweepers (grading in the worker, deadlines in the API) pick it up later.
 */
export class Effects {
  private deadlines: { itemId: string; interviewId: string; at: Date; retry: boolean }[] = [];
  private gradings: string[] = [];
  private transcriptions: string[] = [];
  private events: RoomEvent[] = [];

  /** `retry` = the job for this deadline already ran, so the new one needs its own id. */
  deadline(item: { id: string; interviewId: string }, at: Date, opts: { retry?: boolean } = {}) {
    this.deadlines.push({ itemId: item.id, interviewId: item.interviewId, at, retry: opts.retry ?? false });
  }
  grade(answerId: string) {
    this.gradings.push(answerId);
  }
  transcribe(answerId: string) {
    this.transcriptions.push(answerId);
  }
  event(event: RoomEvent) {
    this.events.push(event);
  }

  async flush(deps: EffectDeps) {
    const attempt = async (what: string, fn: () => Promise<unknown>) => {
      try {
        await fn();
      } catch (err) {
        deps.log.warn({ err: (err as Error).message }, `could not ${what}; the sweeper will retry`);
      }
    };
    for (const d of this.deadlines) {
      await attempt('schedule a deadline', () =>
        deps.queues.add(
          'item-deadline',
          { itemId: d.itemId, interviewId: d.interviewId },
          { jobId: `${deadlineJobId(d.itemId, d.at)}${d.retry ? `-r${Date.now()}` : ''}`, delay: Math.max(0, d.at.getTime() - Date.now()) },
        ),
      );
    }
    for (const answerId of this.transcriptions) {
      await attempt('enqueue a transcription', () =>
        deps.queues.add('transcribe-audio', { answerId }, { jobId: transcribeJobId(answerId) }),
      );
    }
    for (const answerId of this.gradings) {
      await attempt('enqueue grading', async () => {
        const target = await findGradingTarget(deps.db, { answerId });
        if (!target?.ready) return;
        await deps.queues.add(
          'grade-answer',
          { answerId: target.answerId, rubricVersionId: target.rubricVersionId, reason: 'submit' },
          { jobId: gradeJobId(target.answerId, target.rubricVersionId) },
        );
      });
    }
    for (const event of this.events) await attempt('publish a room event', () => deps.events.publish(event));
  }
}
