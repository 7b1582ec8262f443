import { z } from 'zod';

/**
 * One line of batch input. Either `questionId` (a question of the shipped bank, whose rubric is
 * used) or `question` + `referenceAnswer` (a rubric is drafted from them). Unknown fields are
 * accepted and ignored. `humanScore` is a human's total on the same 0–100 scale as the grader's.
 * `kind` is an optional free-form label (for example "strong" or "keyword-list") that the summary
 * breaks results down by.
 */
export const BatchInputLine = z
  .object({
    id: z.union([z.string().min(1).max(200), z.number().int()]),
    questionId: z.string().min(1).optional(),
    question: z.string().trim().min(10).optional(),
    referenceAnswer: z.string().trim().min(1).optional(),
    answer: z.string().max(100_000),
    humanScore: z.number().min(0).max(100).nullish(),
    kind: z.string().min(1).max(60).optional(),
  })
  .superRefine((line, ctx) => {
    if (line.questionId === undefined && (line.question === undefined || line.referenceAnswer === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['questionId'], message: 'give questionId, or both question and referenceAnswer' });
    }
  });
export type BatchInputLine = z.infer<typeof BatchInputLine>;

/** One criterion of a graded line: the 0–4 score (null = insufficient evidence) and its verbatim evidence quotes. */
export interface BatchCriterion {
  key: string;
  score: number | null;
  evidence: string[];
}

export interface BatchGradedLine {
  id: string | number;
  total: number | null;
  criteria: BatchCriterion[];
  flags: string[];
  grader: 'offline' | 'llm';
}

export interface BatchFailedLine {
  id: string | number;
  error: string;
}

export type BatchOutputLine = BatchGradedLine | BatchFailedLine;

/** Human-readable zod issues, one per path. */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || '(line)'}: ${i.message}`).join('; ');
}

export type ParsedLine = { ok: true; value: BatchInputLine } | { ok: false; error: string };

/** Parses and validates one JSONL line. */
export function parseInputLine(text: string): ParsedLine {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return { ok: false, error: `invalid JSON (${(err as Error).message})` };
  }
  const parsed = BatchInputLine.safeParse(json);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, error: describeIssues(parsed.error) };
}
