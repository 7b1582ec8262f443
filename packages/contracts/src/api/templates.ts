import { z } from 'zod';
import { Category } from '../categories';
import { AnswerMode, InterviewMode } from '../question';
import { RubricDefinition, Slug } from '../rubric';
import { TemplateSummary } from './interviews';

// ---- Question bank (reviewer+: question text never reaches candidates outside a running interview)

export const ListQuestionsQuery = z.object({
  /** Matches title, prompt, tags and slug, case-insensitively. */
  search: z.string().trim().max(200).optional(),
  category: Category.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});

export const QuestionSummary = z.object({
  id: z.uuid(),
  slug: z.string(),
  category: z.string(),
  title: z.string(),
  prompt: z.string(),
  difficulty: z.number(),
  tags: z.array(z.string()),
  timeLimitSec: z.number(),
  builtIn: z.boolean(),
});
export type QuestionSummary = z.infer<typeof QuestionSummary>;

export const QuestionPage = z.object({ items: z.array(QuestionSummary), total: z.number() });

/** The rubric new interviews in the caller's organisation use: its own newest published one, else the built-in one. */
export const EffectiveRubric = z.object({
  rubricId: z.uuid(),
  rubricName: z.string(),
  builtIn: z.boolean(),
  versionId: z.uuid(),
  version: z.number(),
  definition: RubricDefinition,
});

export const QuestionDetail = QuestionSummary.extend({
  referenceAnswer: z.string(),
  rubric: EffectiveRubric.nullable(),
});
export type QuestionDetail = z.infer<typeof QuestionDetail>;

// ---- Interview templates

const uniqueBy = <T>(items: T[], key: (t: T) => string) => new Set(items.map(key)).size === items.length;

export const TemplateQuestionInput = z.object({
  questionId: z.uuid(),
  /** Overrides the question's suggested limit. */
  timeLimitSec: z.number().int().min(60).max(3600).optional(),
});

export const TemplateBody = z.object({
  slug: Slug,
  name: z.string().trim().min(3).max(120),
  /** As long as the bank's template files ask, so every template can be exported and imported back. */
  description: z.string().trim().min(10).max(2000),
  mode: InterviewMode.default('practice'),
  answerModes: z
    .array(AnswerMode)
    .min(1)
    .max(2)
    .refine((m) => uniqueBy(m, String), 'answer modes must be unique')
    .default(['typed', 'spoken']),
  followupsPerQuestion: z.number().int().min(0).max(2).default(0),
  totalTimeLimitSec: z
    .number()
    .int()
    .min(60)
    .max(8 * 3600),
  questions: z
    .array(TemplateQuestionInput)
    .min(1)
    .max(50)
    .refine((qs) => uniqueBy(qs, (q) => q.questionId), 'each question may appear once'),
});
export type TemplateBody = z.infer<typeof TemplateBody>;

export const TemplateQuestion = z.object({
  position: z.number(),
  questionId: z.uuid(),
  slug: z.string(),
  title: z.string(),
  category: z.string(),
  difficulty: z.number(),
  /** The limit the interview uses: the override when set, else the question's own. */
  timeLimitSec: z.number(),
  timeLimitOverrideSec: z.number().nullable(),
});

export const TemplateDetail = TemplateSummary.extend({
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  questions: z.array(TemplateQuestion),
});
export type TemplateDetail = z.infer<typeof TemplateDetail>;
