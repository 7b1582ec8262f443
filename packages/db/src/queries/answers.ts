import { and, eq, inArray, isNull, lt, type SQL, sql } from 'drizzle-orm';
import { type AnyPgColumn, alias } from 'drizzle-orm/pg-core';
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
 * A question is graded once, as a whole: its main answer plus every follow-up. It is ready when
 * none of its follow-ups is still open and no part of it is still waiting for a transcript.
 */
const questionReady = (rootItemId: SQL | AnyPgColumn) => sql`not exists (
  select 1 from ${interviewItems} c left join ${answers} ca on ca.item_id = c.id
  where c.parent_item_id = ${rootItemId} and (c.status in ('pending', 'presented') or ca.status = 'transcribing'))`;

/**
 * Submitted main answers with no grade row under their item's rubric version: the sweeper
 * re-enqueues these (e.g. the queue was down when they were submitted).
 */
export async function findUngradedAnswers(db: Db, params: { olderThan: Date; limit: number }) {
  return db
    .select({ answerId: answers.id, rubricVersionId: interviewItems.rubricVersionId })
    .from(answers)
    .innerJoin(interviewItems, eq(interviewItems.id, answers.itemId))
    .leftJoin(grades, and(eq(grades.answerId, answers.id), eq(grades.rubricVersionId, interviewItems.rubricVersionId)))
    .where(
      and(
        inArray(answers.status, ['submitted', 'grading']),
        isNull(grades.id),
        lt(answers.submittedAt, params.olderThan),
        isNull(interviewItems.parentItemId),
        questionReady(interviewItems.id),
      ),
    )
    .orderBy(answers.submittedAt)
    .limit(params.limit);
}

/**
 * Which grade an answer feeds: its own question's main answer (follow-ups are graded as part of
 * their question), and whether that question is ready to grade now.
 */
export async function findGradingTarget(db: Db, params: { answerId: string }) {
  const root = alias(interviewItems, 'root_item');
  const rootAnswer = alias(answers, 'root_answer');
  const [row] = await db
    .select({
      answerId: rootAnswer.id,
      rubricVersionId: root.rubricVersionId,
      ready: sql<boolean>`(${rootAnswer.submittedAt} is not null and ${rootAnswer.status} in ('submitted', 'grading') and ${questionReady(root.id)})`,
    })
    .from(answers)
    .innerJoin(interviewItems, eq(interviewItems.id, answers.itemId))
    .innerJoin(root, eq(root.id, sql`coalesce(${interviewItems.parentItemId}, ${interviewItems.id})`))
    .innerJoin(rootAnswer, eq(rootAnswer.itemId, root.id))
    .where(eq(answers.id, params.answerId));
  return row ?? null;
}

export async function countAnswersByStatus(db: Db) {
  const rows = await db.select({ status: answers.status, n: sql<number>`count(*)::int` }).from(answers).groupBy(answers.status);
  return Object.fromEntries(rows.map((r) => [r.status, r.n])) as Partial<Record<AnswerStatus, number>>;
}

/** Where an answer sits: its item, interview and the rubric version the item pins. */
export async function getAnswerPlacement(db: Db, params: { answerId: string }) {
  const [row] = await db
    .select({ itemId: interviewItems.id, interviewId: interviewItems.interviewId, rubricVersionId: interviewItems.rubricVersionId })
    .from(answers)
    .innerJoin(interviewItems, eq(interviewItems.id, answers.itemId))
    .where(eq(answers.id, params.answerId));
  return row ?? null;
}

/**
 * Stores a transcript and hands the answer to grading. Only an answer still waiting for its
 * transcript moves on, so a retried transcription job cannot reopen a graded answer.
 */
export async function saveTranscript(db: Db, params: { answerId: string; transcript: string }) {
  const [row] = await db
    .update(answers)
    .set({ transcript: params.transcript, status: 'submitted', updatedAt: new Date() })
    .where(and(eq(answers.id, params.answerId), eq(answers.status, 'transcribing')))
    .returning({ id: answers.id });
  return row !== undefined;
}

/**
 * Answers to regrade under a rubric version: those on items for the version's question, either
 * from interviews of a template or from an explicit id list. Only answers with text qualify.
 */
export async function findAnswersForRegrade(
  db: Db,
  params: { orgId: string; rubricVersionId: string; templateId?: string; answerIds?: string[] },
) {
  const questionOfVersion = sql`(select r.question_id from app.rubric_versions v join app.rubrics r on r.id = v.rubric_id where v.id = ${params.rubricVersionId})`;
  const scope = [
    sql`${interviewItems.questionId} = ${questionOfVersion}`,
    sql`coalesce(${answers.text}, ${answers.transcript}) is not null`,
    sql`${interviewItems.interviewId} in (select id from app.interviews where org_id = ${params.orgId})`,
    isNull(interviewItems.parentItemId),
    params.answerIds ? inArray(answers.id, params.answerIds) : undefined,
    params.templateId
      ? sql`${interviewItems.interviewId} in (select id from app.interviews where template_id = ${params.templateId})`
      : undefined,
  ];
  return db
    .select({ answerId: answers.id })
    .from(answers)
    .innerJoin(interviewItems, eq(interviewItems.id, answers.itemId))
    .where(and(...scope));
}

/** Spoken answers still waiting for a transcript: the sweeper re-enqueues their transcription. */
export async function findAnswersAwaitingTranscript(db: Db, params: { olderThan: Date; limit: number }) {
  return db
    .select({ answerId: answers.id })
    .from(answers)
    .where(and(eq(answers.status, 'transcribing'), lt(answers.updatedAt, params.olderThan)))
    .orderBy(answers.updatedAt)
    .limit(params.limit);
}
