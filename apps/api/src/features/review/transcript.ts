import type { Transcript } from '@interview/contracts/api';
import type { Db } from '@interview/db';
import {
  type DecisionRow,
  type InterviewItemRow,
  type InterviewRow,
  listDecisions,
  type OverrideRow,
  type RubricVersionRow,
} from '@interview/db/queries/review';
import type { z } from 'zod';
import { loadQuestionGroups } from './item-groups';
import { interviewTotal, latestByCriterion, questionTotal } from './scoring';

type TranscriptBody = z.infer<typeof Transcript>;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export const decisionView = (d: DecisionRow) => ({
  id: d.id,
  interviewId: d.interviewId,
  reviewer: d.reviewer,
  decision: d.decision,
  notes: d.notes,
  createdAt: d.createdAt.toISOString(),
  updatedAt: d.updatedAt.toISOString(),
});

const overrideView = (o: OverrideRow) => ({
  id: o.id,
  score: o.score,
  aiScore: o.aiScore,
  reason: o.reason,
  reviewer: { id: o.reviewerId, name: o.reviewerName },
  createdAt: o.createdAt.toISOString(),
});

function itemView(row: InterviewItemRow) {
  const { item, answer } = row;
  return {
    id: item.id,
    position: item.position,
    kind: item.kind,
    parentItemId: item.parentItemId,
    prompt: item.kind === 'followup' ? (item.followupPrompt ?? '') : row.question.prompt,
    status: item.status,
    timeLimitSec: item.timeLimitSec,
    presentedAt: iso(item.presentedAt),
    deadlineAt: iso(item.deadlineAt),
    submittedAt: iso(item.submittedAt),
    autoSubmitted: item.autoSubmitted,
    answer: answer ? { ...answer, submittedAt: iso(answer.submittedAt) } : null,
  };
}

/**
 * Criteria in rubric order, each with its AI score, the override that wins and the ones before
 * it. Criteria the grade carries but the rubric lacks are kept at the end, weight 0.
 */
function gradeView(grade: NonNullable<InterviewItemRow['grade']>, rubric: RubricVersionRow | undefined, overrides: readonly OverrideRow[]) {
  const latest = latestByCriterion(overrides);
  const ai = new Map(grade.criteria.map((c) => [c.key, c] as const));
  const rubricCriteria = rubric?.definition.criteria ?? [];
  const keys = [...new Set([...rubricCriteria.map((c) => c.key), ...grade.criteria.map((c) => c.key)])];
  const criteria = keys.map((key) => {
    const spec = rubricCriteria.find((c) => c.key === key);
    const c = ai.get(key);
    const override = latest.get(key);
    const aiScore = c?.score ?? null;
    return {
      key,
      title: spec?.title ?? key,
      weight: spec?.weight ?? 0,
      aiScore,
      override: override ? overrideView(override) : null,
      overrideHistory: overrides.filter((o) => o.criterionKey === key && o !== override).map(overrideView),
      score: override?.score ?? aiScore,
      reasoning: c?.reasoning ?? '',
      evidence: c?.evidence ?? [],
      keyPointsCovered: c?.keyPointsCovered ?? [],
      keyPointsMissed: c?.keyPointsMissed ?? [],
      needsReview: c?.needsReview ?? false,
    };
  });
  return {
    id: grade.id,
    status: grade.status,
    grader: grade.grader,
    model: grade.model,
    promptVersion: grade.promptVersion,
    rubricVersionId: grade.rubricVersionId,
    rubricVersion: rubric?.version ?? 0,
    aiTotal: grade.total,
    total: rubric ? questionTotal(rubric.definition, grade.criteria, latest) : null,
    confidence: grade.confidence,
    criteria,
    ...grade.feedback,
    flags: grade.flags,
    usage: {
      promptTokens: grade.promptTokens,
      completionTokens: grade.completionTokens,
      cachedTokens: grade.cachedTokens,
      costUsd: grade.costUsd === null ? null : Number(grade.costUsd),
      latencyMs: grade.latencyMs,
    },
    attempts: grade.attempts,
    error: grade.error,
    gradedAt: grade.updatedAt.toISOString(),
  };
}

/** Everything a reviewer reads about one interview: each question with its follow-ups, grade and the decisions. */
export async function buildTranscript(db: Db, interview: InterviewRow): Promise<TranscriptBody> {
  const [{ groups, rubrics, overridesByGrade }, decisions] = await Promise.all([
    loadQuestionGroups(db, interview.id),
    listDecisions(db, { interviewIds: [interview.id] }),
  ]);
  const questions = groups.map(({ main, followups }) => {
    const rubric = rubrics.get(main.item.rubricVersionId);
    const grade = main.grade ? gradeView(main.grade, rubric, overridesByGrade.get(main.grade.id) ?? []) : null;
    const { id, slug, title, category } = main.question;
    return { ...itemView(main), question: { id, slug, title, category }, followups: followups.map(itemView), grade };
  });
  const total = interviewTotal(questions.map((q) => q.grade?.total ?? null));
  return {
    interview: {
      id: interview.id,
      status: interview.status,
      mode: interview.mode,
      template: { id: interview.templateId, name: interview.templateName },
      candidate: interview.candidate,
      createdAt: interview.createdAt.toISOString(),
      startedAt: iso(interview.startedAt),
      deadlineAt: iso(interview.deadlineAt),
      finishedAt: iso(interview.finishedAt),
      resultsReleasedAt: iso(interview.resultsReleasedAt),
    },
    total,
    complete: total !== null,
    questions,
    decisions: decisions.map(decisionView),
  };
}
