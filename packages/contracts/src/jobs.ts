import { z } from 'zod';

/** Queue names; each queue carries exactly one job payload type (see JobPayloads). */
export const QUEUE_NAMES = ['grade-answer', 'transcribe-audio', 'regrade', 'item-deadline'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

export const GradeAnswerJob = z.object({
  answerId: z.uuid(),
  rubricVersionId: z.uuid(),
  reason: z.enum(['submit', 'sweep', 'regrade']).default('submit'),
});
export const TranscribeAudioJob = z.object({ answerId: z.uuid() });
export const RegradeJob = z
  .object({
    /** Only this organisation's answers are touched, whatever the other filters say. */
    orgId: z.uuid(),
    rubricVersionId: z.uuid(),
    templateId: z.uuid().optional(),
    answerIds: z.array(z.uuid()).max(10_000).optional(),
  })
  .refine((j) => j.templateId !== undefined || j.answerIds !== undefined, 'templateId or answerIds is required');
export const ItemDeadlineJob = z.object({ itemId: z.uuid(), interviewId: z.uuid() });

export const JobSchemas = {
  'grade-answer': GradeAnswerJob,
  'transcribe-audio': TranscribeAudioJob,
  regrade: RegradeJob,
  'item-deadline': ItemDeadlineJob,
} as const satisfies Record<QueueName, z.ZodType>;

/** Typed map from queue name to its job payload. */
export type JobPayloads = { [Q in QueueName]: z.input<(typeof JobSchemas)[Q]> };

/** BullMQ job ids may not contain ':' on Redis; one grade job per (answer, rubric version). */
export const gradeJobId = (answerId: string, rubricVersionId: string) => `grade-${answerId}-${rubricVersionId}`;
export const transcribeJobId = (answerId: string) => `transcribe-${answerId}`;
