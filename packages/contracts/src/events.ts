import { z } from 'zod';

/**
 * Events for the interview room, published by workers and API processes alike. The API relays them to the candidate's
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
  /** The API moved the interview on (an item started, a follow-up was asked, it finished). */
  z.object({ type: z.literal('item.started'), interviewId: z.uuid(), itemId: z.uuid() }),
  z.object({ type: z.literal('followup'), interviewId: z.uuid(), itemId: z.uuid() }),
  z.object({ type: z.literal('interview.updated'), interviewId: z.uuid() }),
]);
export type RoomEvent = z.infer<typeof RoomEvent>;
