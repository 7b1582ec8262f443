import type { Agreement } from '@interview/contracts/api';
import type { Db } from '@interview/db';
import { findRubricForOrg, listOverrides, listReviewedGrades } from '@interview/db/queries/review';
import { quadraticWeightedKappa } from '@interview/grader';
import type { z } from 'zod';
import { NotFoundError } from '../../errors';
import { groupBy, latestByCriterion } from './scoring';

interface Pair {
  ai: number;
  human: number;
  overridden: boolean;
}

/** Criterion scores are 0–4, so kappa runs on five categories. */
const CRITERION_LEVELS = 5;

function stats(pairs: readonly Pair[]) {
  const n = pairs.length;
  const rate = (hit: (p: Pair) => boolean) => (n === 0 ? null : pairs.filter(hit).length / n);
  return {
    n,
    overridden: pairs.filter((p) => p.overridden).length,
    exactRate: rate((p) => p.ai === p.human),
    withinOneRate: rate((p) => Math.abs(p.ai - p.human) <= 1),
    qwk:
      n === 0
        ? null
        : quadraticWeightedKappa(
            pairs.map((p) => p.ai),
            pairs.map((p) => p.human),
            CRITERION_LEVELS,
          ),
  };
}

/**
 * How far reviewers agree with the AI, per rubric (all versions of a rubric together), on the
 * organisation's interviews.
 *
 * What counts as reviewed: the criteria of grades in interviews where a reviewer recorded a
 * decision or an override (the grades the transcript shows, plus any grade overridden directly).
 * An overridden criterion compares the AI score with the latest override; a criterion left alone
 * counts as the reviewer accepting the AI score (a pair of equal scores). Criteria the AI scored
 * null (insufficient evidence) have nothing to compare and are left out, overridden or not.
 */
export async function buildAgreement(db: Db, params: { orgId: string; rubricId?: string }): Promise<z.infer<typeof Agreement>> {
  if (params.rubricId && !(await findRubricForOrg(db, { orgId: params.orgId, rubricId: params.rubricId })))
    throw new NotFoundError('Rubric');
  const grades = await listReviewedGrades(db, params);
  const overrides = groupBy(await listOverrides(db, { gradeIds: grades.map((g) => g.gradeId) }), (o) => o.gradeId);
  const all: Pair[] = [];
  const rubrics = [...groupBy(grades, (g) => g.rubricId).values()].map((rubricGrades) => {
    const pairs: Pair[] = [];
    for (const grade of rubricGrades) {
      const latest = latestByCriterion(overrides.get(grade.gradeId) ?? []);
      for (const c of grade.criteria) {
        if (c.score === null) continue;
        const override = latest.get(c.key);
        pairs.push({ ai: c.score, human: override?.score ?? c.score, overridden: override !== undefined });
      }
    }
    all.push(...pairs);
    const first = rubricGrades[0]!;
    return {
      rubricId: first.rubricId,
      rubricName: first.rubricName,
      questionId: first.questionId,
      questionTitle: first.questionTitle,
      builtIn: first.rubricOrgId === null,
      ...stats(pairs),
    };
  });
  return { overall: stats(all), rubrics };
}
