import type { RubricDefinition } from '@interview/contracts';
import { z } from 'zod';

/**
 * What the model must return. Field order matters: evidence and reasoning come before the
 * score so the model commits to quotes and an argument before it picks a number.
 */
export function gradeOutputSchema(rubric: RubricDefinition) {
  const keys = rubric.criteria.map((c) => c.key);
  const key = keys.length > 0 ? z.enum(keys as [string, ...string[]]) : z.string();
  return z.object({
    criteria: z.array(
      z.object({
        key,
        evidence: z.array(z.string()).describe('Verbatim quotes copied exactly from the answer'),
        reasoning: z.string().describe('One to three sentences, written before choosing the score'),
        score: z.number().int().min(0).max(4).nullable().describe('0–4 per the level descriptors; null only if unjudgeable'),
      }),
    ),
    strengths: z.array(z.string()),
    improvements: z.array(z.string()),
    keyPointsCovered: z.array(z.string()),
    keyPointsMissed: z.array(z.string()),
    flags: z.object({
      promptInjection: z.boolean(),
      offTopic: z.boolean(),
      wrongLanguage: z.boolean(),
    }),
  });
}

export type GradeOutputSchema = ReturnType<typeof gradeOutputSchema>;
export type GradeOutput = z.infer<GradeOutputSchema>;

/** Checks the zod schema cannot express: every rubric criterion appears exactly once. Returns a problem or null. */
export function checkCriteriaCoverage(rubric: RubricDefinition, output: GradeOutput): string | null {
  const counts = new Map<string, number>();
  for (const c of output.criteria) counts.set(c.key, (counts.get(c.key) ?? 0) + 1);
  const problems: string[] = [];
  for (const c of rubric.criteria) {
    const n = counts.get(c.key) ?? 0;
    if (n === 0) problems.push(`criterion "${c.key}" is missing`);
    if (n > 1) problems.push(`criterion "${c.key}" appears ${n} times`);
  }
  for (const k of counts.keys()) if (!rubric.criteria.some((c) => c.key === k)) problems.push(`unknown criterion "${k}"`);
  return problems.length ? `${problems.join('; ')}. Include every rubric criterion exactly once.` : null;
}

/** Parses raw model text (JSON mode) into a validated output, or explains what is wrong. */
export function parseGradeOutput(
  schema: GradeOutputSchema,
  rubric: RubricDefinition,
  content: string | null | undefined,
): { ok: true; value: GradeOutput } | { ok: false; error: string } {
  if (!content?.trim()) return { ok: false, error: 'the reply was empty' };
  let json: unknown;
  try {
    json = JSON.parse(stripFences(content));
  } catch (err) {
    return { ok: false, error: `the reply is not valid JSON (${(err as Error).message})` };
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) return { ok: false, error: `the JSON does not match the schema: ${describeZodError(parsed.error)}` };
  const coverage = checkCriteriaCoverage(rubric, parsed.data);
  if (coverage) return { ok: false, error: coverage };
  return { ok: true, value: parsed.data };
}

/** Some JSON-mode providers still wrap the object in a Markdown fence. */
function stripFences(s: string): string {
  const m = s.trim().match(/^```(?:json)?\s*([\s\S]*?)\s*```$/);
  return m ? (m[1] ?? '') : s;
}

export function describeZodError(error: z.ZodError): string {
  return error.issues
    .slice(0, 8)
    .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
    .join('; ');
}
