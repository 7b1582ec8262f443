import { randomUUID } from 'node:crypto';
import type { RegradeDiff } from '@interview/contracts/api';
import type { CriterionGrade } from '@interview/contracts/grade';
import type { Db } from '@interview/db';
import { recordAudit } from '@interview/db/queries/audit';
import { getVisibleVersion, orgAnswersByIds, orgAnswersForRegrade, regradeComparisonRows } from '@interview/db/queries/rubrics';
import { getVisibleTemplate } from '@interview/db/queries/templates';
import type { QueueRuntime } from '@interview/queue';
import { AppError, BadRequestError, ConflictError, NotFoundError, ServiceUnavailableError } from '../../errors';
import type { Principal } from '../../plugins/app/auth-guard';
import { toVersionRef } from './rubric-views';

/** The most answer ids one regrade job carries (RegradeJob's limit). */
const ANSWERS_PER_JOB = 10_000;
/** The most answers one regrade diff lists. */
const DIFF_LIMIT = 10_000;

const round = (n: number) => Math.round(n * 10) / 10;

function criterionChanges(oldCriteria: CriterionGrade[] | null, newCriteria: CriterionGrade[]) {
  const before = new Map((oldCriteria ?? []).map((c) => [c.key, c.score]));
  const after = new Map(newCriteria.map((c) => [c.key, c.score]));
  const keys = [...new Set([...after.keys(), ...before.keys()])];
  return keys.map((key) => {
    const old = before.get(key) ?? null;
    const now = after.get(key) ?? null;
    return { key, old, new: now, delta: old === null || now === null ? null : now - old };
  });
}

/**
 * Regrading under a new published version. The worker's regrade job is not organisation-aware,
 * so the answers are chosen here, inside the caller's organisation, and passed as explicit ids.
 */
export function createRegradeService(deps: { db: Db; queues: Pick<QueueRuntime, 'add'> }) {
  const { db, queues } = deps;

  async function visibleVersion(me: Principal, versionId: string) {
    const found = await getVisibleVersion(db, { versionId, orgId: me.orgId });
    if (!found) throw new NotFoundError('Rubric version');
    return found;
  }

  /** Explicit ids must all be the organisation's (else 404) and gradable under this version (else 400). */
  async function checkAnswerIds(me: Principal, questionId: string, answerIds: string[]) {
    const rows = await orgAnswersByIds(db, { orgId: me.orgId, answerIds });
    const found = new Set(rows.map((r) => r.answerId));
    const missing = answerIds.filter((id) => !found.has(id));
    if (missing.length > 0) throw new AppError(404, 'not_found', 'Answer not found', { answerIds: missing });
    const otherQuestion = rows.filter((r) => r.questionId !== questionId).map((r) => r.answerId);
    const followups = rows.filter((r) => r.questionId === questionId && !r.isMain).map((r) => r.answerId);
    const noText = rows.filter((r) => r.questionId === questionId && r.isMain && !r.hasText).map((r) => r.answerId);
    if (otherQuestion.length + followups.length + noText.length > 0)
      throw new BadRequestError('Some answers cannot be regraded under this rubric version', { otherQuestion, followups, noText });
  }

  return {
    async enqueue(me: Principal, versionId: string, body: { templateId?: string; answerIds?: string[] }) {
      const { version, rubric } = await visibleVersion(me, versionId);
      if (version.status !== 'published') throw new ConflictError('not_published', 'Only a published version can regrade answers');
      if (body.templateId && !(await getVisibleTemplate(db, { templateId: body.templateId, orgId: me.orgId })))
        throw new NotFoundError('Template');
      const answerIds = body.answerIds ? [...new Set(body.answerIds)] : undefined;
      if (answerIds) await checkAnswerIds(me, rubric.questionId, answerIds);
      const ids = await orgAnswersForRegrade(db, {
        orgId: me.orgId,
        questionId: rubric.questionId,
        templateId: body.templateId,
        answerIds,
      });
      const jobIds: string[] = [];
      try {
        for (let i = 0; i < ids.length; i += ANSWERS_PER_JOB) {
          // A fresh id per request: asking again later must run again, not dedupe against the old job.
          const jobId = `regrade-${versionId}-${randomUUID()}`;
          await queues.add(
            'regrade',
            { orgId: me.orgId, rubricVersionId: versionId, answerIds: ids.slice(i, i + ANSWERS_PER_JOB) },
            { jobId },
          );
          jobIds.push(jobId);
        }
      } catch {
        throw new ServiceUnavailableError('The job queue is unavailable; retry shortly');
      }
      await recordAudit(db, {
        orgId: me.orgId,
        actorId: me.userId,
        action: 'rubric.regrade',
        targetType: 'rubric_version',
        targetId: versionId,
        data: { rubricId: rubric.id, templateId: body.templateId ?? null, answers: ids.length, jobIds },
      });
      return { jobId: jobIds[0] ?? null, jobIds, answerCount: ids.length };
    },

    /** Per answer of the organisation graded under `versionId`: its grade there against its grade under the base. */
    async diff(me: Principal, versionId: string, query: { baseVersionId?: string }): Promise<RegradeDiff> {
      const { version, rubric } = await visibleVersion(me, versionId);
      let baseVersion = null;
      if (query.baseVersionId) {
        const base = await visibleVersion(me, query.baseVersionId);
        if (base.rubric.questionId !== rubric.questionId)
          throw new BadRequestError('The base version belongs to a rubric for another question');
        baseVersion = toVersionRef(base.version);
      }
      const rows = await regradeComparisonRows(db, { orgId: me.orgId, versionId, baseVersionId: query.baseVersionId, limit: DIFF_LIMIT });
      const answers = rows.map((r) => {
        const criteria = criterionChanges(r.baseCriteria, r.criteria);
        const delta = r.total === null || r.baseTotal === null ? null : round(r.total - r.baseTotal);
        // Without a base grade there is nothing to have changed from.
        const hasBase = r.baseCriteria !== null;
        const changed = hasBase && (r.total !== r.baseTotal || criteria.some((c) => c.old !== c.new));
        return {
          answerId: r.answerId,
          interviewId: r.interviewId,
          baseVersionId: r.baseVersionId,
          status: r.status,
          oldTotal: r.baseTotal,
          newTotal: r.total,
          delta,
          criteria,
          changed,
        };
      });
      const deltas = answers.flatMap((a) => (a.delta === null ? [] : [a.delta]));
      return {
        version: toVersionRef(version),
        baseVersion,
        answers,
        summary: {
          n: answers.length,
          compared: deltas.length,
          meanDelta: deltas.length === 0 ? null : round(deltas.reduce((s, d) => s + d, 0) / deltas.length),
          changed: answers.filter((a) => a.changed).length,
        },
      };
    },
  };
}
