import { z } from 'zod';

/** Lower-case kebab slug used for stable ids (questions, criteria, key points). */
export const Slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a lower-case kebab-case slug')
  .max(80);

export const SCORE_LEVELS = [0, 1, 2, 3, 4] as const;
export const Score = z.number().int().min(0).max(4);

/** Written descriptor for every score level 0–4; all five are required. */
export const LevelDescriptors = z.object({
  0: z.string().min(10),
  1: z.string().min(10),
  2: z.string().min(10),
  3: z.string().min(10),
  4: z.string().min(10),
});

/** A concept a strong answer states, with alternative phrasings the graders accept. */
export const KeyPoint = z.object({
  id: Slug,
  point: z.string().min(10),
  synonyms: z.array(z.string().min(2)).min(1),
});

/** A misconception that must lower the score; `phrases` let the offline grader spot it. */
export const RedFlag = z.object({
  id: Slug,
  text: z.string().min(10),
  phrases: z.array(z.string().min(3)).default([]),
});

export const Criterion = z.object({
  key: Slug,
  title: z.string().min(3),
  weight: z.number().positive(),
  assesses: z.string().min(10),
  levels: LevelDescriptors,
  keyPoints: z.array(KeyPoint).min(1),
  redFlags: z.array(RedFlag).default([]),
});

export const RubricDefinition = z.object({ criteria: z.array(Criterion).min(4).max(6) }).superRefine((rubric, ctx) => {
  const seen = new Set<string>();
  for (const [i, c] of rubric.criteria.entries()) {
    if (seen.has(c.key)) {
      ctx.addIssue({ code: 'custom', path: ['criteria', i, 'key'], message: `duplicate criterion key "${c.key}"` });
    }
    seen.add(c.key);
  }
});

export type LevelDescriptors = z.infer<typeof LevelDescriptors>;
export type KeyPoint = z.infer<typeof KeyPoint>;
export type RedFlag = z.infer<typeof RedFlag>;
export type Criterion = z.infer<typeof Criterion>;
export type RubricDefinition = z.infer<typeof RubricDefinition>;

/** A calibration answer with the scores a human expert expects per criterion. */
export const CalibrationAnswer = z.object({
  answer: z.string().min(1),
  expectedScores: z.record(Slug, Score),
  note: z.string().optional(),
});
export type CalibrationAnswer = z.infer<typeof CalibrationAnswer>;
