import type { DecisionBody, OverrideBody } from '@interview/contracts/api';
import type { Db } from '@interview/db';
import { recordAudit } from '@interview/db/queries/audit';
import {
  findGradeInOrg,
  findInterview,
  insertOverride,
  listDecisions,
  listOverrides,
  releaseResults,
  upsertDecision,
} from '@interview/db/queries/review';
import type { z } from 'zod';
import { BadRequestError, ConflictError, NotFoundError } from '../../errors';
import type { Principal } from '../../plugins/app/auth-guard';
import { loadInterviewScores } from './interview-scores';
import { latestByCriterion, questionTotal } from './scoring';
import { decisionView } from './transcript';

/**
 * Records a reviewer's score for one criterion. The grade's AI scores are never rewritten: the
 * override is a new row, and the latest one per criterion is what totals use.
 */
export async function overrideScore(db: Db, principal: Principal, gradeId: string, body: z.infer<typeof OverrideBody>) {
  const found = await findGradeInOrg(db, { orgId: principal.orgId, gradeId });
  if (!found) throw new NotFoundError('Grade');
  if (!found.definition.criteria.some((c) => c.key === body.criterionKey))
    throw new BadRequestError(`Unknown criterion "${body.criterionKey}" for this grade's rubric`, {
      criteria: found.definition.criteria.map((c) => c.key),
    });
  const aiScore = found.grade.criteria.find((c) => c.key === body.criterionKey)?.score ?? null;
  const override = await insertOverride(db, {
    gradeId,
    criterionKey: body.criterionKey,
    aiScore,
    score: body.score,
    reason: body.reason,
    reviewerId: principal.userId,
  });
  const [overrides, scores] = await Promise.all([listOverrides(db, { gradeIds: [gradeId] }), loadInterviewScores(db, [found.interviewId])]);
  const total = questionTotal(found.definition, found.grade.criteria, latestByCriterion(overrides));
  await recordAudit(db, {
    orgId: principal.orgId,
    actorId: principal.userId,
    action: 'grade.override',
    targetType: 'grade',
    targetId: gradeId,
    data: { interviewId: found.interviewId, criterionKey: body.criterionKey, aiScore, score: body.score, reason: body.reason, total },
  });
  return {
    override: { ...override, createdAt: override.createdAt.toISOString() },
    aiTotal: found.grade.total,
    total,
    interviewTotal: scores.get(found.interviewId)?.total ?? null,
  };
}

/** One decision per reviewer per interview; recording again replaces it. */
export async function recordDecision(db: Db, principal: Principal, interviewId: string, body: z.infer<typeof DecisionBody>) {
  if (!(await findInterview(db, { orgId: principal.orgId, interviewId }))) throw new NotFoundError('Interview');
  const { id } = await upsertDecision(db, { interviewId, reviewerId: principal.userId, decision: body.decision, notes: body.notes });
  await recordAudit(db, {
    orgId: principal.orgId,
    actorId: principal.userId,
    action: 'interview.decision',
    targetType: 'interview',
    targetId: interviewId,
    data: { decision: body.decision, notes: body.notes },
  });
  const decisions = await listDecisions(db, { interviewIds: [interviewId] });
  const mine = decisions.find((d) => d.id === id);
  if (!mine) throw new NotFoundError('Decision');
  return decisionView(mine);
}

/** Shows a finished interview's results to its candidate. Idempotent: only the first release is audited. */
export async function releaseInterview(db: Db, principal: Principal, interviewId: string) {
  const interview = await findInterview(db, { orgId: principal.orgId, interviewId });
  if (!interview) throw new NotFoundError('Interview');
  const result = await releaseResults(db, { orgId: principal.orgId, interviewId });
  if (!result)
    throw new ConflictError(
      'interview_not_finished',
      `Only a completed or expired interview can be released; this one is ${interview.status}`,
    );
  if (result.released)
    await recordAudit(db, {
      orgId: principal.orgId,
      actorId: principal.userId,
      action: 'interview.release',
      targetType: 'interview',
      targetId: interviewId,
      data: { mode: interview.mode },
    });
  return { interviewId, resultsReleasedAt: result.resultsReleasedAt.toISOString() };
}
