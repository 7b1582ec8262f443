/** Each weight's share of the total, in whole percent (the grader's weighted mean uses the same shares). */
export function weightShares(weights: number[]): number[] {
  const sum = weights.reduce((s, w) => s + (Number.isFinite(w) && w > 0 ? w : 0), 0);
  return weights.map((w) => (sum > 0 && Number.isFinite(w) && w > 0 ? Math.round((w / sum) * 1000) / 10 : 0));
}
