import type { OrgReport, Transcript } from '@interview/contracts/api';
import type { z } from 'zod';
import { type Cell, toCsv } from './csv';

type TranscriptBody = z.infer<typeof Transcript>;
type Report = z.infer<typeof OrgReport>;

const decisionsCell = (decisions: readonly { reviewerName: string; decision: string }[]) =>
  decisions.map((d) => `${d.reviewerName}: ${d.decision}`).join('; ');

const INTERVIEW_HEADER = [
  'interview_id',
  'candidate_name',
  'candidate_email',
  'template',
  'mode',
  'status',
  'interview_total',
  'decisions',
  'question_position',
  'question_title',
  'question_total',
  'question_ai_total',
  'flags',
  'criterion_key',
  'criterion_title',
  'weight',
  'ai_score',
  'override_score',
  'final_score',
  'override_reason',
  'override_by',
  'answer',
  'followups',
];

/** One interview as CSV: a row per (question, criterion), or one row for a question with no grade yet. */
export function interviewCsv(t: TranscriptBody): string {
  const i = t.interview;
  const decisions = decisionsCell(t.decisions.map((d) => ({ reviewerName: d.reviewer.name, decision: d.decision })));
  const rows: Cell[][] = [];
  t.questions.forEach((q, index) => {
    const answer = q.answer?.text ?? q.answer?.transcript ?? null;
    const followups = q.followups.map((f) => `Q: ${f.prompt}\nA: ${f.answer?.text ?? f.answer?.transcript ?? ''}`).join('\n\n');
    const lead: Cell[] = [i.id, i.candidate.name, i.candidate.email, i.template.name, i.mode, i.status, t.total, decisions];
    const question: Cell[] = [index + 1, q.question.title, q.grade?.total, q.grade?.aiTotal, q.grade?.flags.join(' ')];
    const criteria = q.grade?.criteria ?? [];
    if (criteria.length === 0) rows.push([...lead, ...question, null, null, null, null, null, null, null, null, answer, followups]);
    for (const c of criteria)
      rows.push([
        ...lead,
        ...question,
        c.key,
        c.title,
        c.weight,
        c.aiScore,
        c.override?.score,
        c.score,
        c.override?.reason,
        c.override?.reviewer.name,
        answer,
        followups,
      ]);
  });
  return toCsv(INTERVIEW_HEADER, rows);
}

/** The organisation's interviews as CSV, a row each; with a template, a total column per question. */
export function orgCsv(report: Report): string {
  const questions = report.template?.questions ?? [];
  const header = [
    'interview_id',
    'candidate_name',
    'candidate_email',
    'template',
    'mode',
    'status',
    'created_at',
    'finished_at',
    'results_released_at',
    'total',
    'flagged',
    'flags',
    'decision',
    'decisions',
    ...questions.map((q, n) => `Q${n + 1} ${q.title}`),
  ];
  const rows = report.interviews.map((r) => [
    r.interviewId,
    r.candidate.name,
    r.candidate.email,
    r.templateName,
    r.mode,
    r.status,
    r.createdAt,
    r.finishedAt,
    r.resultsReleasedAt,
    r.total,
    r.flagged,
    r.flags.join(' '),
    r.decision,
    decisionsCell(r.decisions),
    ...r.questionTotals,
  ]);
  return toCsv(header, rows);
}
