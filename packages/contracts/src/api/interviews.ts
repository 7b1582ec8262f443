import { z } from 'zod';
import { CriterionGrade, GradeFlag } from '../grade';
import { AnswerMode, InterviewMode } from '../question';

export const InterviewStatus = z.enum(['scheduled', 'in_progress', 'completed', 'expired', 'cancelled']);
export const ItemStatus = z.enum(['pending', 'presented', 'submitted', 'expired']);
export const AnswerStatus = z.enum(['draft', 'submitted', 'transcribing', 'grading', 'graded', 'needs_human_review']);

/**
 * Drafts and typed answers: 20k characters is ~3,000 words, far beyond any timed answer. A NUL
 * character cannot be stored in Postgres text, so it is refused up front (REST and the room socket).
 */
export const AnswerText = z
  .string()
  .max(20_000)
  .refine((s) => !s.includes('\u0000'), 'Text must not contain NUL characters');

export const CreateInterviewBody = z.object({
  templateId: z.uuid(),
  candidateId: z.uuid(),
  /** Overrides the template's mode: e.g. run a practice template as an assessment. */
  mode: InterviewMode.optional(),
});
export const PracticeInterviewBody = z.object({ templateId: z.uuid() });
export const ItemParams = z.object({ id: z.uuid(), itemId: z.uuid() });
export const DraftBody = z.object({ text: AnswerText, revision: z.number().int().min(1).max(2_000_000_000) });
export const SubmitBody = z.object({ text: AnswerText });

export const ItemQuestion = z.object({ title: z.string(), prompt: z.string(), category: z.string() });
export const ItemAnswer = z.object({
  id: z.uuid(),
  mode: AnswerMode,
  draft: z.string(),
  draftRevision: z.number(),
  text: z.string().nullable(),
  transcript: z.string().nullable(),
  hasAudio: z.boolean(),
  status: AnswerStatus,
  submittedAt: z.iso.datetime().nullable(),
});
export const InterviewItem = z.object({
  id: z.uuid(),
  position: z.number(),
  kind: z.enum(['question', 'followup']),
  parentItemId: z.uuid().nullable(),
  status: ItemStatus,
  timeLimitSec: z.number(),
  presentedAt: z.iso.datetime().nullable(),
  deadlineAt: z.iso.datetime().nullable(),
  submittedAt: z.iso.datetime().nullable(),
  autoSubmitted: z.boolean(),
  /** Null until the item starts: a question's text is revealed only then. */
  question: ItemQuestion.nullable(),
  followupPrompt: z.string().nullable(),
  answer: ItemAnswer.nullable(),
});
export type InterviewItem = z.infer<typeof InterviewItem>;

export const InterviewState = z.object({
  id: z.uuid(),
  status: InterviewStatus,
  mode: InterviewMode,
  template: z.object({ id: z.uuid(), name: z.string(), questionCount: z.number() }),
  candidate: z.object({ id: z.uuid(), name: z.string(), email: z.string() }),
  answerModes: z.array(AnswerMode),
  followupsPerQuestion: z.number(),
  totalTimeLimitSec: z.number(),
  startedAt: z.iso.datetime().nullable(),
  deadlineAt: z.iso.datetime().nullable(),
  finishedAt: z.iso.datetime().nullable(),
  currentItemId: z.uuid().nullable(),
  /** Practice shows results at once; assessment only once a reviewer releases them. */
  resultsAvailable: z.boolean(),
  /** The server's clock when this state was built; clients offset their countdown by it. */
  serverNow: z.iso.datetime(),
  items: z.array(InterviewItem),
});
export type InterviewState = z.infer<typeof InterviewState>;

export const InterviewSummary = z.object({
  id: z.uuid(),
  status: InterviewStatus,
  mode: InterviewMode,
  templateId: z.uuid(),
  templateName: z.string(),
  candidate: z.object({ id: z.uuid(), name: z.string(), email: z.string() }),
  createdAt: z.iso.datetime(),
  startedAt: z.iso.datetime().nullable(),
  finishedAt: z.iso.datetime().nullable(),
  resultsReleasedAt: z.iso.datetime().nullable(),
  /** Weighted mean of the question totals once every answer is graded; null until then (or hidden). */
  total: z.number().nullable(),
  flagged: z.boolean(),
  decision: z.enum(['strong_no', 'no', 'mixed', 'yes', 'strong_yes']).nullable(),
});
export type InterviewSummary = z.infer<typeof InterviewSummary>;

export const ListInterviewsQuery = z.object({
  status: InterviewStatus.optional(),
  templateId: z.uuid().optional(),
  candidateId: z.uuid().optional(),
  flagged: z.enum(['true', 'false']).optional(),
  minScore: z.coerce.number().min(0).max(100).optional(),
  maxScore: z.coerce.number().min(0).max(100).optional(),
  sort: z.enum(['created_desc', 'created_asc', 'score_desc', 'score_asc']).default('created_desc'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});

/** One question's grade as shown to a candidate or reviewer (overrides applied when present). */
export const QuestionResult = z.object({
  itemId: z.uuid(),
  questionTitle: z.string(),
  answerText: z.string().nullable(),
  answerStatus: AnswerStatus.nullable(),
  /** The question's follow-ups with the candidate's answers; the question's grade covers them. */
  followups: z.array(z.object({ itemId: z.uuid(), prompt: z.string(), answerText: z.string().nullable() })).optional(),
  grade: z
    .object({
      id: z.uuid(),
      status: z.enum(['pending', 'done', 'failed', 'needs_human_review']),
      grader: z.enum(['offline', 'llm']),
      model: z.string().nullable(),
      rubricVersionId: z.uuid(),
      aiTotal: z.number().nullable(),
      total: z.number().nullable(),
      criteria: z.array(
        CriterionGrade.extend({
          overriddenScore: z.number().nullable().optional(),
          /** The criterion's title in the rubric version the grade used. */
          title: z.string().optional(),
          /** The rubric's descriptor of the level shown (the override when there is one, else the AI score). */
          levelDescriptor: z.string().optional(),
        }),
      ),
      strengths: z.array(z.string()),
      improvements: z.array(z.string()),
      keyPointsCovered: z.array(z.string()),
      keyPointsMissed: z.array(z.string()),
      /** Key point id → its text in the rubric version, so covered and missed points read as talking points. */
      keyPointTexts: z.record(z.string(), z.string()).optional(),
      flags: z.array(GradeFlag),
    })
    .nullable(),
});
export const InterviewResults = z.object({
  interviewId: z.uuid(),
  total: z.number().nullable(),
  complete: z.boolean(),
  questions: z.array(QuestionResult),
});

export const TemplateSummary = z.object({
  id: z.uuid(),
  slug: z.string(),
  name: z.string(),
  description: z.string(),
  mode: InterviewMode,
  answerModes: z.array(AnswerMode),
  followupsPerQuestion: z.number(),
  totalTimeLimitSec: z.number(),
  questionCount: z.number(),
  builtIn: z.boolean(),
});
