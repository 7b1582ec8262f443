import { z } from 'zod';
import { Score } from './rubric';

export const GraderKind = z.enum(['offline', 'llm']);
export type GraderKind = z.infer<typeof GraderKind>;

/** Why an answer or grade deserves a human look. Computed by our code, never trusted from a model. */
export const GradeFlag = z.enum([
  'prompt_injection',
  'off_topic',
  'wrong_language',
  'keyword_stuffing',
  'empty_answer',
  'red_flag',
  'unverified_evidence',
  'needs_human_review',
]);
export type GradeFlag = z.infer<typeof GradeFlag>;

/** A verbatim quote from the answer with its character offsets, for highlighting. */
export const Evidence = z.object({
  quote: z.string(),
  start: z.number().int().min(0),
  end: z.number().int().min(0),
});
export type Evidence = z.infer<typeof Evidence>;

export const CriterionGrade = z.object({
  key: z.string(),
  /** null = insufficient evidence to score. */
  score: Score.nullable(),
  reasoning: z.string(),
  evidence: z.array(Evidence),
  keyPointsCovered: z.array(z.string()),
  keyPointsMissed: z.array(z.string()),
  needsReview: z.boolean().default(false),
});
export type CriterionGrade = z.infer<typeof CriterionGrade>;

export const GradeUsage = z.object({
  promptTokens: z.number().int().min(0),
  completionTokens: z.number().int().min(0),
  cachedTokens: z.number().int().min(0),
});
export type GradeUsage = z.infer<typeof GradeUsage>;

/** What any grader returns; the total is always computed by our code from criterion scores. */
export const GradeResult = z.object({
  grader: GraderKind,
  model: z.string().nullable(),
  promptVersion: z.string(),
  total: z.number().min(0).max(100).nullable(),
  confidence: z.number().min(0).max(1),
  criteria: z.array(CriterionGrade),
  strengths: z.array(z.string()),
  improvements: z.array(z.string()),
  keyPointsCovered: z.array(z.string()),
  keyPointsMissed: z.array(z.string()),
  flags: z.array(GradeFlag),
  usage: GradeUsage.nullable(),
  costUsd: z.number().min(0).nullable(),
  latencyMs: z.number().int().min(0),
});
export type GradeResult = z.infer<typeof GradeResult>;
