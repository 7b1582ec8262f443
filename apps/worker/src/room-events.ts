import type { Db } from '@interview/db';
import { getAnswerPlacement } from '@interview/db/queries/answers';
import type { EventBus } from '@interview/events';
import type { Log } from './logger';

type Publish = Pick<EventBus, 'publish'>;

/**
 * Tells the interview room (through whichever bus the profile has) that a grade or transcript
 * landed. Best effort: the data is already committed and the room re-reads it on reconnect.
 */
export function createRoomPublisher(deps: { db: Db; events: Publish; log: Log }) {
  const place = (answerId: string) => getAnswerPlacement(deps.db, { answerId });
  const safely = async (what: string, fn: () => Promise<void>) => {
    try {
      await fn();
    } catch (err) {
      deps.log.warn({ err: (err as Error).message }, `could not publish ${what}`);
    }
  };
  return {
    gradeReady: (e: { answerId: string; rubricVersionId: string; status: string }) =>
      safely('grade.ready', async () => {
        const p = await place(e.answerId);
        if (!p) return;
        const status = e.status === 'done' ? 'done' : 'needs_human_review';
        await deps.events.publish({
          type: 'grade.ready',
          interviewId: p.interviewId,
          itemId: p.itemId,
          answerId: e.answerId,
          rubricVersionId: e.rubricVersionId,
          status,
        });
      }),
    transcriptReady: (e: { answerId: string; status: 'ready' | 'failed' }) =>
      safely('transcript.ready', async () => {
        const p = await place(e.answerId);
        if (!p) return;
        await deps.events.publish({
          type: 'transcript.ready',
          interviewId: p.interviewId,
          itemId: p.itemId,
          answerId: e.answerId,
          status: e.status,
        });
      }),
  };
}
export type RoomPublisher = ReturnType<typeof createRoomPublisher>;
