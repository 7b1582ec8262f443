import { z } from 'zod';

/**
 * Events the worker publishes for the interview room. The API relays them to the candidate's
 * WebSocket; they carry ids and status only, so a receiver re-reads anything it shows.
 */
export const RoomEvent = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('grade.ready'),
    interviewId: z.uuid(),
    itemId: z.uuid(),
    answerId: z.uuid(),
    rubricVersionId: z.uuid(),
    status: z.enum(['done', 'needs_human_review']),
  }),
  z.object({
    type: z.literal('transcript.ready'),
    interviewId: z.uuid(),
    itemId: z.uuid(),
    answerId: z.uuid(),
    status: z.enum(['ready', 'failed']),
  }),
]);
export type RoomEvent = z.infer<typeof RoomEvent>;
