import { atLeast, type CalibrationItem, type CalibrationRun, type TryRubricResult } from '@interview/contracts/api';
import type { GradeResult } from '@interview/contracts/grade';
import { RubricDefinition } from '@interview/contracts/rubric';
import type { Db } from '@interview/db';
import {
  type CalibrationRow,
  countCalibrationAnswers,
  deleteCalibrationAnswer,
  draftVersion,
  insertCalibrationAnswer,
  latestPublishedVersion,
  listCalibrationAnswers,
  type RubricVersionRow,
} from '@interview/db/queries/rubrics';
import { getVisibleQuestion } from '@interview/db/queries/templates';
import { type GradeQuestion, type Grader, weightedTotal } from '@interview/grader';
import { type AppError, BadRequestError, ConflictError, ForbiddenError, NotFoundError } from '../../errors';
import type { Principal } from '../../plugins/app/auth-guard';
import { gradeWithTimeout } from './grader-call';
import { toVersionRef } from './rubric-views';
import type { RubricService } from './rubrics.service';

/** Calibration answers per rubric: a run grades them all synchronously, so keep it bounded. */
export const MAX_CALIBRATION_ANSWERS = 50;
const RUN_CONCURRENCY = 4;

const round = (n: number, places: number) => Math.round(n * 10 ** places) / 10 ** places;
const mean = (xs: number[]) => (xs.length === 0 ? null : round(xs.reduce((s, x) => s + x, 0) / xs.length, 3));

export const toCalibrationItem = (c: CalibrationRow): CalibrationItem => ({
  id: c.id,
  answer: c.answer,
  expectedScores: c.expectedScores,
  expectedTotal: c.expectedTotal,
  note: c.note,
  createdBy: c.createdBy,
  createdAt: c.createdAt.toISOString(),
});

/** Runs `fn` over `items` with at most `limit` in flight, keeping order. */
async function mapLimited<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const lane = async () => {
    for (let i = next++; i < items.length; i = next++) out[i] = await fn(items[i]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return out;
}

/**
 * Synchronous grading with the configured grader: trying a rubric on a sample answer, and
 * calibration answers with the scores an expert expects.
 */
export function createRubricGradingService(deps: {
  db: Db;
  grader: Grader;
  rubrics: Pick<RubricService, 'visible' | 'writable' | 'visibleVersion'>;
  timeoutMs?: number;
  onGraderError?: (err: unknown) => void;
}) {
  const { db, grader, rubrics } = deps;

  async function questionOf(me: Principal, questionId: string): Promise<GradeQuestion> {
    const found = await getVisibleQuestion(db, { questionId, orgId: me.orgId });
    if (!found) throw new NotFoundError('Question');
    const q = found.question;
    return { id: q.slug, title: q.title, prompt: q.prompt, referenceAnswer: q.referenceAnswer };
  }

  const grade = (question: GradeQuestion, version: RubricVersionRow, answer: string) =>
    gradeWithTimeout(
      grader,
      { question, rubric: RubricDefinition.parse(version.definition), answer },
      { timeoutMs: deps.timeoutMs, onError: deps.onGraderError },
    );

  /** The version a rubric is tried or calibrated with when none is named: its draft, else its latest published. */
  async function currentVersion(rubricId: string, includeDraft: boolean) {
    const version = (includeDraft ? await draftVersion(db, { rubricId }) : null) ?? (await latestPublishedVersion(db, { rubricId }));
    if (!version) throw new ConflictError('no_version', 'This rubric has no version to grade with');
    return version;
  }

  function compare(definition: RubricDefinition, c: CalibrationRow, result: GradeResult | null, error: string | null) {
    const actual = new Map(result?.criteria.map((g) => [g.key, g.score]) ?? []);
    const keys = new Set([...definition.criteria.map((k) => k.key), ...Object.keys(c.expectedScores)]);
    const criteria = [...keys].map((key) => {
      const expected = c.expectedScores[key] ?? null;
      const got = actual.get(key) ?? null;
      return { key, expected, actual: got, delta: expected === null || got === null ? null : got - expected };
    });
    return {
      calibrationId: c.id,
      // Recomputed under the version being run: weights may have changed since the answer was saved.
      expectedTotal: weightedTotal(definition, c.expectedScores),
      actualTotal: result?.total ?? null,
      criteria,
      flags: result?.flags ?? [],
      error,
    };
  }

  return {
    async tryAnswer(me: Principal, body: { answer: string; versionId?: string; rubricId?: string }): Promise<TryRubricResult> {
      const canSeeDrafts = atLeast(me.role, 'admin');
      let version: RubricVersionRow;
      let questionId: string;
      if (body.versionId) {
        const found = await rubrics.visibleVersion(me, body.versionId);
        ({ version } = found);
        questionId = found.rubric.questionId;
      } else {
        const { rubric } = await rubrics.visible(me, body.rubricId!);
        // Reviewers try what is published; admins try their draft when there is one.
        version = await currentVersion(rubric.id, canSeeDrafts);
        questionId = rubric.questionId;
      }
      if (version.status === 'draft' && !canSeeDrafts) throw new ForbiddenError('Trying a draft needs the admin role or higher');
      const result = await grade(await questionOf(me, questionId), version, body.answer);
      return { ...result, rubricVersion: toVersionRef(version) };
    },

    async listCalibration(me: Principal, rubricId: string) {
      await rubrics.visible(me, rubricId);
      return (await listCalibrationAnswers(db, { rubricId })).map(toCalibrationItem);
    },

    async addCalibration(me: Principal, rubricId: string, body: { answer: string; expectedScores: Record<string, number>; note?: string }) {
      await rubrics.writable(me, rubricId);
      const definition = RubricDefinition.parse((await currentVersion(rubricId, true)).definition);
      const keys = new Set(definition.criteria.map((c) => c.key));
      const unknown = Object.keys(body.expectedScores).filter((k) => !keys.has(k));
      if (unknown.length > 0)
        throw new BadRequestError('expectedScores names criteria this rubric does not have', { unknown, criteria: [...keys] });
      if ((await countCalibrationAnswers(db, { rubricId })) >= MAX_CALIBRATION_ANSWERS)
        throw new ConflictError('too_many_calibration_answers', `A rubric keeps at most ${MAX_CALIBRATION_ANSWERS} calibration answers`);
      const total = weightedTotal(definition, body.expectedScores);
      const row = await insertCalibrationAnswer(db, {
        rubricId,
        answer: body.answer,
        expectedScores: body.expectedScores,
        expectedTotal: total === null ? null : Math.round(total),
        note: body.note || null,
        createdBy: me.userId,
      });
      return toCalibrationItem(row);
    },

    async removeCalibration(me: Principal, rubricId: string, calibrationId: string) {
      await rubrics.writable(me, rubricId);
      if (!(await deleteCalibrationAnswer(db, { rubricId, calibrationId }))) throw new NotFoundError('Calibration answer');
    },

    /** Grades every calibration answer and reports expected against actual per criterion and in total. */
    async runCalibration(me: Principal, rubricId: string, body: { versionId?: string }): Promise<CalibrationRun> {
      const { rubric } = await rubrics.visible(me, rubricId);
      let version: RubricVersionRow;
      if (body.versionId) {
        ({ version } = await rubrics.visibleVersion(me, body.versionId));
        if (version.rubricId !== rubricId) throw new NotFoundError('Rubric version');
      } else version = await currentVersion(rubricId, true);
      const items = await listCalibrationAnswers(db, { rubricId });
      if (items.length === 0) throw new ConflictError('no_calibration_answers', 'Add calibration answers before running them');
      const question = await questionOf(me, rubric.questionId);
      const definition = RubricDefinition.parse(version.definition);
      let firstError: AppError | null = null;
      let model: string | null = null;
      const answers = await mapLimited(items, RUN_CONCURRENCY, async (c) => {
        try {
          const result = await grade(question, version, c.answer);
          model = result.model;
          return compare(definition, c, result, null);
        } catch (err) {
          const e = err as AppError;
          firstError ??= e;
          return compare(definition, c, null, `${e.code}: ${e.message}`);
        }
      });
      // Every answer failed: the grader is the problem, so answer with its status (502/503/504).
      if (firstError && answers.every((a) => a.error !== null)) throw firstError;
      const deltas = answers.flatMap((a) => a.criteria.flatMap((c) => (c.delta === null ? [] : [c.delta])));
      const totalDeltas = answers.flatMap((a) =>
        a.expectedTotal === null || a.actualTotal === null ? [] : [Math.abs(a.actualTotal - a.expectedTotal)],
      );
      return {
        version: toVersionRef(version),
        grader: grader.kind,
        model,
        answers,
        summary: {
          answers: answers.length,
          graded: answers.filter((a) => a.error === null).length,
          comparisons: deltas.length,
          exactRate: deltas.length === 0 ? null : round(deltas.filter((d) => d === 0).length / deltas.length, 3),
          withinOneRate: deltas.length === 0 ? null : round(deltas.filter((d) => Math.abs(d) <= 1).length / deltas.length, 3),
          meanAbsoluteError: mean(deltas.map(Math.abs)),
          meanAbsoluteTotalDelta: mean(totalDeltas),
        },
      };
    },
  };
}
