import type { GradeFlag, RubricDefinition } from '@interview/contracts';
import type { Db } from '@interview/db';
import { listOverrides, listQuestionGrades, listRubricVersions } from '@interview/db/queries/review';
import { groupBy, interviewTotal, isFlagged, latestByCriterion, questionTotal } from './scoring';

export interface QuestionScore {
  itemId: string;
  questionId: string;
  position: number;
  gradeId: string | null;
  aiTotal: number | null;
  /** With overrides applied. */
  total: number | null;
  flags: GradeFlag[];
  flagged: boolean;
}

export interface InterviewScore {
  questions: QuestionScore[];
  total: number | null;
  complete: boolean;
  /** Every flag raised on any question, once each. */
  flags: GradeFlag[];
  flagged: boolean;
}

/** Rubric definitions by version id, fetched once per request. */
export async function loadRubrics(db: Db, rubricVersionIds: readonly string[]) {
  const rows = await listRubricVersions(db, { rubricVersionIds });
  return new Map(rows.map((r) => [r.id, r] as const));
}

/**
 * Question and interview totals for many interviews at once, overrides applied. Three queries
 * whatever the number of interviews: grades, rubric versions, overrides.
 */
export async function loadInterviewScores(db: Db, interviewIds: readonly string[]): Promise<Map<string, InterviewScore>> {
  const rows = await listQuestionGrades(db, { interviewIds });
  const gradeIds = rows.flatMap((r) => (r.gradeId ? [r.gradeId] : []));
  const [rubrics, overrides] = await Promise.all([
    loadRubrics(
      db,
      rows.map((r) => r.rubricVersionId),
    ),
    listOverrides(db, { gradeIds }),
  ]);
  const overridesByGrade = groupBy(overrides, (o) => o.gradeId);

  const scores = new Map<string, InterviewScore>(
    interviewIds.map((id) => [id, { questions: [], total: null, complete: false, flags: [], flagged: false }]),
  );
  for (const r of rows) {
    const definition: RubricDefinition | undefined = rubrics.get(r.rubricVersionId)?.definition;
    const grade = r.gradeId && r.gradeStatus && r.flags && r.criteria ? { status: r.gradeStatus, flags: r.flags } : null;
    const latest = latestByCriterion(r.gradeId ? (overridesByGrade.get(r.gradeId) ?? []) : []);
    const total = grade && definition ? questionTotal(definition, r.criteria ?? [], latest) : null;
    scores.get(r.interviewId)?.questions.push({
      itemId: r.itemId,
      questionId: r.questionId,
      position: r.position,
      gradeId: r.gradeId,
      aiTotal: r.aiTotal,
      total,
      flags: r.flags ?? [],
      flagged: isFlagged(grade),
    });
  }
  for (const score of scores.values()) {
    const totals = score.questions.map((q) => q.total);
    score.total = interviewTotal(totals);
    score.complete = score.total !== null;
    score.flags = [...new Set(score.questions.flatMap((q) => q.flags))];
    score.flagged = score.questions.some((q) => q.flagged);
  }
  return scores;
}
