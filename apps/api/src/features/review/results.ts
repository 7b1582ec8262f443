import type { CriterionGrade, RubricDefinition } from '@interview/contracts';
import type { InterviewResults } from '@interview/contracts/api';
import type { Db } from '@interview/db';
import type { z } from 'zod';
import { answerTextOf, loadQuestionGroups } from './item-groups';
import { interviewTotal, latestByCriterion, questionTotal } from './scoring';

type Results = z.infer<typeof InterviewResults>;

export interface BuildResultsOptions {
  interviewId: string;
  /**
   * Leave out questions that have not started yet (a candidate's view: a question's text is
   * revealed only when it starts). Totals still count every question.
   */
  onlyStarted?: boolean;
}

/**
 * Per-question results of one interview with reviewers' overrides applied: the AI score stays in
 * `score`, the latest override per criterion is `overriddenScore`, and `total` uses the override.
 * Access is the caller's job (see access.ts: `interviewWithResults`).
 */
export async function buildInterviewResults(db: Db, options: BuildResultsOptions): Promise<Results> {
  const { groups, rubrics, overridesByGrade } = await loadQuestionGroups(db, options.interviewId);
  const questions: Results['questions'] = [];
  const totals: (number | null)[] = [];
  for (const { main, followups } of groups) {
    const g = main.grade;
    const rubric = rubrics.get(main.item.rubricVersionId)?.definition;
    const latest = latestByCriterion(g ? (overridesByGrade.get(g.id) ?? []) : []);
    const total = g && rubric ? questionTotal(rubric, g.criteria, latest) : null;
    totals.push(total);
    if (options.onlyStarted && main.item.presentedAt === null) continue;
    const aiKeys = new Set(g?.criteria.map((c) => c.key));
    // A criterion the AI left out (a failed grade) shows once a reviewer has scored it.
    const reviewerOnly: CriterionGrade[] = [...latest.keys()]
      .filter((key) => !aiKeys.has(key))
      .map((key) => ({ key, score: null, reasoning: '', evidence: [], keyPointsCovered: [], keyPointsMissed: [], needsReview: true }));
    questions.push({
      itemId: main.item.id,
      questionTitle: main.question.title,
      answerText: answerTextOf(main),
      answerStatus: main.answer?.status ?? null,
      followups: followups
        .filter((f) => !options.onlyStarted || f.item.presentedAt !== null)
        .map((f) => ({ itemId: f.item.id, prompt: f.item.followupPrompt ?? '', answerText: answerTextOf(f) })),
      grade: g
        ? {
            id: g.id,
            status: g.status,
            grader: g.grader,
            model: g.model,
            rubricVersionId: g.rubricVersionId,
            aiTotal: g.total,
            total,
            criteria: [...g.criteria, ...reviewerOnly].map((c) => withRubricText(rubric, c, latest.get(c.key)?.score ?? null)),
            strengths: g.feedback.strengths,
            improvements: g.feedback.improvements,
            keyPointsCovered: g.feedback.keyPointsCovered,
            keyPointsMissed: g.feedback.keyPointsMissed,
            ...(rubric ? { keyPointTexts: keyPointTexts(rubric) } : {}),
            flags: g.flags,
          }
        : null,
    });
  }
  const total = interviewTotal(totals);
  return { interviewId: options.interviewId, total, complete: total !== null, questions };
}

type Level = keyof RubricDefinition['criteria'][number]['levels'];

/** A criterion's grade with its title and the descriptor of the level shown, from the grade's rubric version. */
function withRubricText(rubric: RubricDefinition | undefined, c: CriterionGrade, overriddenScore: number | null) {
  const def = rubric?.criteria.find((d) => d.key === c.key);
  const shown = overriddenScore ?? c.score;
  const levelDescriptor = def && shown !== null ? def.levels[shown as Level] : undefined;
  return {
    ...c,
    overriddenScore,
    ...(def ? { title: def.title } : {}),
    ...(levelDescriptor !== undefined ? { levelDescriptor } : {}),
  };
}

/** Every key point of the rubric version: id → text. */
const keyPointTexts = (rubric: RubricDefinition): Record<string, string> =>
  Object.fromEntries(rubric.criteria.flatMap((c) => c.keyPoints.map((k) => [k.id, k.point] as const)));
