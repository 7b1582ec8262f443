import type { RubricDefinition } from '@interview/contracts';

export type CriterionScores =
  | Readonly<Record<string, number | null | undefined>>
  | ReadonlyArray<{ readonly key: string; readonly score: number | null }>;

function asRecord(scores: CriterionScores): Map<string, number | null | undefined> {
  if (Array.isArray(scores)) return new Map(scores.map((s) => [s.key, s.score] as const));
  return new Map(Object.entries(scores as Record<string, number | null | undefined>));
}

/**
 * Weighted mean of criterion scores on 0–100: each criterion contributes score/4 times its weight.
 * Criteria scored `null` (insufficient evidence) or absent are left out of both sums; when every
 * criterion is null the total is null. Rounded to one decimal. Always computed here, never by a model.
 */
export function weightedTotal(rubric: RubricDefinition, scores: CriterionScores): number | null {
  const byKey = asRecord(scores);
  let num = 0;
  let den = 0;
  for (const c of rubric.criteria) {
    const s = byKey.get(c.key);
    if (s === null || s === undefined) continue;
    if (!Number.isInteger(s) || s < 0 || s > 4) throw new RangeError(`score for "${c.key}" must be an integer 0–4, got ${s}`);
    num += (s / 4) * c.weight;
    den += c.weight;
  }
  if (den === 0) return null;
  return Math.round((num / den) * 1000) / 10;
}
