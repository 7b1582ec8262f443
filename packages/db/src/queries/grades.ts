import type { GradeResult } from '@interview/contracts/grade';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { answers } from '../schema/answers';
import { questions } from '../schema/bank';
import { grades } from '../schema/grades';
import { interviewItems } from '../schema/interviews';
import { rubricVersions } from '../schema/rubrics';

/**
 * Everything a grader needs for one (answer, rubric version); null if either is gone. A main
 * answer is graded together with its follow-ups' answers, so they count as one.
 */
export async function loadGradingInput(db: Db, params: { answerId: string; rubricVersionId: string }) {
  const [row] = await db
    .select({
      itemId: interviewItems.id,
      answerText: sql<string | null>`coalesce(${answers.text}, ${answers.transcript})`,
      submittedAt: answers.submittedAt,
      question: { id: questions.slug, title: questions.title, prompt: questions.prompt, referenceAnswer: questions.referenceAnswer },
      rubric: rubricVersions.definition,
    })
    .from(answers)
    .innerJoin(interviewItems, eq(interviewItems.id, answers.itemId))
    .innerJoin(questions, eq(questions.id, interviewItems.questionId))
    .innerJoin(rubricVersions, eq(rubricVersions.id, params.rubricVersionId))
    .where(eq(answers.id, params.answerId));
  if (!row) return null;
  const followups = await db
    .select({ prompt: interviewItems.followupPrompt, text: sql<string | null>`coalesce(${answers.text}, ${answers.transcript})` })
    .from(interviewItems)
    .leftJoin(answers, eq(answers.itemId, interviewItems.id))
    .where(eq(interviewItems.parentItemId, row.itemId))
    .orderBy(asc(interviewItems.position));
  const { itemId: _itemId, ...input } = row;
  if (row.answerText === null || followups.length === 0) return input;
  // The follow-up questions are context for the grader, never part of the graded text: a prompt that
  // names a key point must not count as the candidate covering it, nor be quoted as their evidence.
  const asked = followups.map((f, i) => `Follow-up ${i + 1} asked by the interviewer: ${f.prompt ?? ''}`).join('\n');
  const texts = [row.answerText, ...followups.map((f) => f.text?.trim() ?? '').filter(Boolean)];
  return { ...input, question: { ...input.question, prompt: `${input.question.prompt}\n\n${asked}` }, answerText: texts.join('\n\n') };
}

/** A main answer and its follow-ups' answers: they share one grade, so they share its status. */
const answerAndFollowups = (answerId: string) =>
  sql`${answers.id} = ${answerId} or ${answers.itemId} in (select c.id from ${interviewItems} c join ${answers} a on a.item_id = c.parent_item_id where a.id = ${answerId})`;

export async function getGrade(db: Db, params: { answerId: string; rubricVersionId: string }) {
  const [row] = await db
    .select()
    .from(grades)
    .where(and(eq(grades.answerId, params.answerId), eq(grades.rubricVersionId, params.rubricVersionId)));
  return row ?? null;
}

/**
 * Stores a finished grade. Upsert on (answer, rubric version): a retried or duplicated job
 * overwrites the same row instead of adding a second grade.
 */
export async function upsertGrade(db: Db, params: { answerId: string; rubricVersionId: string; result: GradeResult; attempts: number }) {
  const r = params.result;
  const needsReview = r.flags.includes('needs_human_review') || r.criteria.some((c) => c.needsReview);
  const values = {
    status: needsReview ? ('needs_human_review' as const) : ('done' as const),
    grader: r.grader,
    model: r.model,
    promptVersion: r.promptVersion,
    total: r.total,
    confidence: r.confidence,
    criteria: r.criteria,
    feedback: {
      strengths: r.strengths,
      improvements: r.improvements,
      keyPointsCovered: r.keyPointsCovered,
      keyPointsMissed: r.keyPointsMissed,
    },
    flags: r.flags,
    promptTokens: r.usage?.promptTokens ?? null,
    completionTokens: r.usage?.completionTokens ?? null,
    cachedTokens: r.usage?.cachedTokens ?? null,
    costUsd: r.costUsd === null ? null : r.costUsd.toFixed(6),
    latencyMs: r.latencyMs,
    attempts: params.attempts,
    error: null,
    updatedAt: new Date(),
  };
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(grades)
      .values({ answerId: params.answerId, rubricVersionId: params.rubricVersionId, ...values })
      .onConflictDoUpdate({ target: [grades.answerId, grades.rubricVersionId], set: values })
      .returning();
    await tx
      .update(answers)
      .set({ status: needsReview ? 'needs_human_review' : 'graded', updatedAt: new Date() })
      .where(answerAndFollowups(params.answerId));
    return row!;
  });
}

/** A job that gave up leaves the answer with a human, never stuck in "grading". */
export async function markGradeFailed(
  db: Db,
  params: { answerId: string; rubricVersionId: string; grader: 'offline' | 'llm'; promptVersion: string; error: string; attempts: number },
) {
  const values = {
    status: 'needs_human_review' as const,
    error: params.error.slice(0, 2000),
    attempts: params.attempts,
    flags: ['needs_human_review' as const],
    updatedAt: new Date(),
  };
  await db.transaction(async (tx) => {
    await tx
      .insert(grades)
      .values({
        answerId: params.answerId,
        rubricVersionId: params.rubricVersionId,
        grader: params.grader,
        promptVersion: params.promptVersion,
        ...values,
      })
      .onConflictDoUpdate({ target: [grades.answerId, grades.rubricVersionId], set: values, setWhere: sql`${grades.status} <> 'done'` });
    await tx.update(answers).set({ status: 'needs_human_review', updatedAt: new Date() }).where(answerAndFollowups(params.answerId));
  });
}

/** Tokens and dollars spent grading one interview's answers (every grade, regrades included). */
export async function interviewGradingCost(db: Db, params: { interviewId: string }) {
  const [row] = await db
    .select({
      grades: sql<number>`count(${grades.id})::int`,
      promptTokens: sql<number>`coalesce(sum(${grades.promptTokens}), 0)::int`,
      cachedTokens: sql<number>`coalesce(sum(${grades.cachedTokens}), 0)::int`,
      completionTokens: sql<number>`coalesce(sum(${grades.completionTokens}), 0)::int`,
      costUsd: sql<string>`coalesce(sum(${grades.costUsd}), 0)::text`,
    })
    .from(grades)
    .innerJoin(answers, eq(answers.id, grades.answerId))
    .innerJoin(interviewItems, eq(interviewItems.id, answers.itemId))
    .where(eq(interviewItems.interviewId, params.interviewId));
  return { ...row!, costUsd: Number(row!.costUsd) };
}
