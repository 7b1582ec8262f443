import { z } from 'zod';
import { Category } from './categories';
import { RubricDefinition, Slug } from './rubric';

const wordCount = (s: string) => s.trim().split(/\s+/).filter(Boolean).length;

/** One question as stored in the bank's YAML files. */
export const QuestionFile = z.object({
  id: Slug,
  category: Category,
  title: z.string().min(3),
  prompt: z.string().min(20),
  difficulty: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  tags: z.array(Slug).min(1),
  timeLimitSec: z.number().int().min(60).max(3600),
  referenceAnswer: z.string().refine((s) => wordCount(s) >= 150 && wordCount(s) <= 400, 'referenceAnswer must be 150–400 words'),
  rubric: RubricDefinition,
});
export type QuestionFile = z.infer<typeof QuestionFile>;

export const InterviewMode = z.enum(['practice', 'assessment']);
export const AnswerMode = z.enum(['typed', 'spoken']);

/** An interview template shipped with a bank: an ordered list of question ids. */
export const TemplateFile = z.object({
  id: Slug,
  name: z.string().min(3),
  description: z.string().min(10),
  mode: InterviewMode.default('practice'),
  answerModes: z.array(AnswerMode).min(1).default(['typed', 'spoken']),
  followupsPerQuestion: z.number().int().min(0).max(2).default(1),
  totalTimeLimitSec: z.number().int().min(60),
  questions: z.array(Slug).min(1),
});
export type TemplateFile = z.infer<typeof TemplateFile>;
