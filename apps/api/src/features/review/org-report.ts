import type { OrgReport } from '@interview/contracts/api';
import type { Db } from '@interview/db';
import { findTemplateWithQuestions, listDecisions, listInterviews } from '@interview/db/queries/review';
import type { z } from 'zod';
import { NotFoundError } from '../../errors';
import { loadInterviewScores } from './interview-scores';
import { groupBy } from './scoring';

type Report = z.infer<typeof OrgReport>;
type Template = NonNullable<Awaited<ReturnType<typeof findTemplateWithQuestions>>>;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The template an organisation may use (its own or built-in), else 404. */
export async function templateForOrg(db: Db, params: { orgId: string; templateId: string }): Promise<Template> {
  const template = await findTemplateWithQuestions(db, params);
  if (!template) throw new NotFoundError('Template');
  return template;
}

/**
 * The organisation's interviews (on one template, or all) with totals, decisions and flags, oldest
 * first. With a template, question columns follow its current order and each interview's value
 * is the total of its item for that question, so a template edited later still lines up.
 */
export async function buildOrgReport(db: Db, params: { orgId: string; template: Template | null }): Promise<Report> {
  const { template } = params;
  const rows = await listInterviews(db, { orgId: params.orgId, templateId: template?.id, order: 'created_asc' });
  const ids = rows.map((r) => r.id);
  const [scores, decisions] = await Promise.all([loadInterviewScores(db, ids), listDecisions(db, { interviewIds: ids })]);
  const decisionsOf = groupBy(decisions, (d) => d.interviewId);
  return {
    exportedAt: new Date().toISOString(),
    template: template && { id: template.id, name: template.name, questions: template.questions },
    interviews: rows.map((row) => {
      const score = scores.get(row.id);
      const byQuestion = new Map(score?.questions.map((q) => [q.questionId, q.total] as const));
      return {
        interviewId: row.id,
        candidate: row.candidate,
        templateId: row.templateId,
        templateName: row.templateName,
        mode: row.mode,
        status: row.status,
        createdAt: row.createdAt.toISOString(),
        finishedAt: iso(row.finishedAt),
        resultsReleasedAt: iso(row.resultsReleasedAt),
        total: score?.total ?? null,
        questionTotals: template?.questions.map((q) => byQuestion.get(q.questionId) ?? null) ?? [],
        decision: row.decision,
        decisions: (decisionsOf.get(row.id) ?? []).map((d) => ({ reviewerName: d.reviewer.name, decision: d.decision, notes: d.notes })),
        flags: score?.flags ?? [],
        flagged: score?.flagged ?? false,
      };
    }),
  };
}
