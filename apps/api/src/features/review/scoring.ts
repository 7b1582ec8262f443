import type { CriterionGrade, GradeFlag, RubricDefinition } from '@interview/contracts';
import { weightedTotal } from '@interview/grader';

export interface OverrideLike {
  criterionKey: string;
  score: number;
}

/** The override that wins for each criterion: the latest. `overrides` come oldest first. */
export function latestByCriterion<T extends OverrideLike>(overrides: readonly T[]): Map<string, T> {
  const latest = new Map<string, T>();
  for (const o of overrides) latest.set(o.criterionKey, o);
  return latest;
}

/**
 * The scores a total is computed from: each criterion's latest override, else its AI score.
 * A criterion the AI left out (a failed grade) still counts once a reviewer scores it.
 */
export function effectiveScores(
  rubric: RubricDefinition,
  criteria: readonly CriterionGrade[],
  overrides: ReadonlyMap<string, OverrideLike>,
): { key: string; score: number | null }[] {
  const ai = new Map(criteria.map((c) => [c.key, c.score] as const));
  return rubric.criteria.map((c) => ({ key: c.key, score: overrides.get(c.key)?.score ?? ai.get(c.key) ?? null }));
}

/** A question's 0–100 total with overrides applied; the rubric weights decide, never a model. */
export function questionTotal(
  rubric: RubricDefinition,
  criteria: readonly CriterionGrade[],
  overrides: ReadonlyMap<string, OverrideLike>,
): number | null {
  return weightedTotal(rubric, effectiveScores(rubric, criteria, overrides));
}

/**
 * An interview's total: the mean of its question totals, each question weighing the same (the
 * rubric weights already shaped each question's total). Null until every question has a total,
 * so a half-graded interview never shows a misleading number.
 */
export function interviewTotal(questionTotals: readonly (number | null)[]): number | null {
  if (questionTotals.length === 0 || questionTotals.some((t) => t === null)) return null;
  const sum = (questionTotals as number[]).reduce((a, b) => a + b, 0);
  return Math.round((sum / questionTotals.length) * 10) / 10;
}

/** Whether a grade needs a human look: any flag, or the grader gave up on it. */
export const isFlagged = (grade: { status: string; flags: readonly GradeFlag[] } | null) =>
  grade !== null && (grade.flags.length > 0 || grade.status === 'needs_human_review');

/** Map.groupBy is Node 21+; the app supports Node 20. */
export function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}
