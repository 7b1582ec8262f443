import { and, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { answers } from '../schema/answers';
import { grades } from '../schema/grades';
import { interviewItems } from '../schema/interviews';

type AnswerStatus = (typeof answers.$inferSelect)['status'];

export async function getAnswer(db: Db, params: { answerId: string }) {
  const [row] = await db.select().from(answers).where(eq(answers.id, params.answerId));
  return row ?? null;
}

/**
 * Freezes an answer's text and marks it submitted, in one statement. Returns null when it was
 * already submitted, so a replayed submit is a no-op rather than a second grading.
 */
export async function submitTypedAnswer(db: Db, params: { itemId: string; text: string; now?: Date }) {
  const now = params.now ?? new Date();
  const [row] = await db
    .insert(answers)
    .values({ itemId: params.itemId, mode: 'typed', draft: params.text, text: params.text, status: 'submitted', submittedAt: now })
    .onConflictDoUpdate({
      target: answers.itemId,
      set: { text: params.text, draft: params.text, status: 'submitted', submittedAt: now, updatedAt: now },
      setWhere: isNull(answers.submittedAt),
    })
    .returning();
  return row ?? null;
}

export async function setAnswerStatus(db: Db, params: { answerId: string; status: AnswerStatus }) {
  await db.update(answers).set({ status: params.status, updatedAt: new Date() }).where(eq(answers.id, params.answerId));
}

/**
 * Submitted answers with no grade row under their item's rubric version: the sweeper
 * re-enqueues these (e.g. the queue was down when they were submitted).
 */
export async function findUngradedAnswers(db: Db, params: { olderThan: Date; limit: number }) {
  return db
    .select({ answerId: answers.id, rubricVersionId: interviewItems.rubricVersionId })
    .from(answers)
    .innerJoin(interviewItems, eq(interviewItems.id, answers.itemId))
    .leftJoin(grades, and(eq(grades.answerId, answers.id), eq(grades.rubricVersionId, interviewItems.rubricVersionId)))
    .where(and(inArray(answers.status, ['submitted', 'grading']), isNull(grades.id), lt(answers.submittedAt, params.olderThan)))
    .orderBy(answers.submittedAt)
    .limit(params.limit);
}

export async function countAnswersByStatus(db: Db) {
  const rows = await db.select({ status: answers.status, n: sql<number>`count(*)::int` }).from(answers).groupBy(answers.status);
  return Object.fromEntries(rows.map((r) => [r.status, r.n])) as Partial<Record<AnswerStatus, number>>;
}
