import { z } from 'zod';
import { AnswerText, InterviewItem, InterviewState } from './interviews';

/** Frames a browser may send on /ws/interviews/:id. Anything else is answered with `error`. */
export const ClientMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('draft.save'), itemId: z.uuid(), text: AnswerText, revision: z.number().int().min(1).max(2_000_000_000) }),
  z.object({ type: z.literal('answer.submit'), itemId: z.uuid(), text: AnswerText }),
  z.object({ type: z.literal('ping'), t: z.number().optional() }),
]);
export type ClientMessage = z.infer<typeof ClientMessage>;

export const ServerMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('state'), state: InterviewState }),
  z.object({ type: z.literal('item.started'), item: InterviewItem, serverNow: z.iso.datetime() }),
  z.object({ type: z.literal('followup'), item: InterviewItem, serverNow: z.iso.datetime() }),
  z.object({ type: z.literal('draft.saved'), itemId: z.uuid(), revision: z.number(), savedAt: z.iso.datetime() }),
  z.object({
    type: z.literal('grade.ready'),
    itemId: z.uuid(),
    answerId: z.uuid(),
    status: z.enum(['done', 'needs_human_review']),
  }),
  z.object({ type: z.literal('transcript.ready'), itemId: z.uuid(), answerId: z.uuid(), status: z.enum(['ready', 'failed']) }),
  z.object({ type: z.literal('pong'), t: z.number().optional(), serverNow: z.iso.datetime() }),
  z.object({ type: z.literal('error'), code: z.string(), message: z.string(), details: z.unknown().optional() }),
]);
export type ServerMessage = z.infer<typeof ServerMessage>;
