import type { TranscriptCriterion } from '../types';

/**
 * A question's 0–100 total if `key` were scored `score`: the rubric-weighted mean the server
 * computes (packages/grader weightedTotal), for a preview before the override is saved.
 */
export function totalWith(criteria: readonly TranscriptCriterion[], key: string, score: number | null): number | null {
  let num = 0;
  let den = 0;
  for (const c of criteria) {
    const s = c.key === key ? score : c.score;
    if (s === null || c.weight <= 0) continue;
    num += (s / 4) * c.weight;
    den += c.weight;
  }
  return den === 0 ? null : Math.round((num / den) * 1000) / 10;
}

/** The interview's AI total before any override: the mean of question AI totals, once all are known. */
export function aiInterviewTotal(aiTotals: readonly (number | null)[]): number | null {
  if (aiTotals.length === 0 || aiTotals.some((t) => t === null)) return null;
  const sum = (aiTotals as number[]).reduce((a, b) => a + b, 0);
  return Math.round((sum / aiTotals.length) * 10) / 10;
}
