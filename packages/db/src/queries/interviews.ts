import { and, asc, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { answers } from '../schema/answers';
import { questions } from '../schema/bank';
import { interviewItems, interviews, interviewTemplates, templateQuestions } from '../schema/interviews';
import { users } from '../schema/orgs';
import { rubricVersions } from '../schema/rubrics';

export type InterviewRow = typeof interviews.$inferSelect;
export type ItemRow = typeof interviewItems.$inferSelect;
export type AnswerRow = typeof answers.$inferSelect;

/** Main questions sit at multiples of this; their follow-ups take the positions in between. */
export const POSITION_STEP = 10;

/** A template the organisation may use: its own or a built-in one. */
export async function getUsableTemplate(db: Db, params: { templateId: string; orgId: string }) {
  const [row] = await db
    .select()
    .from(interviewTemplates)
    .where(
      and(eq(interviewTemplates.id, params.templateId), or(isNull(interviewTemplates.orgId), eq(interviewTemplates.orgId, params.orgId))),
    );
  return row ?? null;
}

/** A template's questions in order, with the effective time limit of each. */
export async function listTemplateQuestions(db: Db, params: { templateId: string }) {
  return db
    .select({
      questionId: templateQuestions.questionId,
      position: templateQuestions.position,
      timeLimitSec: sql<number>`coalesce(${templateQuestions.timeLimitSec}, ${questions.timeLimitSec})`,
    })
    .from(templateQuestions)
    .innerJoin(questions, eq(questions.id, templateQuestions.questionId))
    .where(eq(templateQuestions.templateId, params.templateId))
    .orderBy(asc(templateQuestions.position));
}

export async function insertInterview(
  db: Db,
  params: {
    interview: typeof interviews.$inferInsert;
    items: Omit<typeof interviewItems.$inferInsert, 'interviewId'>[];
  },
) {
  return db.transaction(async (tx) => {
    const [interview] = await tx.insert(interviews).values(params.interview).returning();
    await tx.insert(interviewItems).values(params.items.map((i) => ({ ...i, interviewId: interview!.id })));
    return interview!;
  });
}

export async function getInterview(db: Db, params: { interviewId: string }) {
  const [row] = await db.select().from(interviews).where(eq(interviews.id, params.interviewId));
  return row ?? null;
}

/** Locks the interview row: every state transition of one interview runs one at a time. */
export async function lockInterview(tx: Db, params: { interviewId: string }) {
  const [row] = await tx.select().from(interviews).where(eq(interviews.id, params.interviewId)).for('update');
  return row ?? null;
}

/** Everything the interview room shows, in one round of queries. */
export async function loadInterviewView(db: Db, params: { interviewId: string }) {
  const [head] = await db
    .select({ interview: interviews, template: interviewTemplates, candidate: { id: users.id, name: users.name, email: users.email } })
    .from(interviews)
    .innerJoin(interviewTemplates, eq(interviewTemplates.id, interviews.templateId))
    .innerJoin(users, eq(users.id, interviews.candidateId))
    .where(eq(interviews.id, params.interviewId));
  if (!head) return null;
  const items = await db
    .select({
      item: interviewItems,
      question: { title: questions.title, prompt: questions.prompt, category: questions.category },
      // Never the audio bytes: the room polls this.
      answer: {
        id: answers.id,
        mode: answers.mode,
        draft: answers.draft,
        draftRevision: answers.draftRevision,
        text: answers.text,
        transcript: answers.transcript,
        audioMime: answers.audioMime,
        status: answers.status,
        submittedAt: answers.submittedAt,
      },
    })
    .from(interviewItems)
    .innerJoin(questions, eq(questions.id, interviewItems.questionId))
    .leftJoin(answers, eq(answers.itemId, interviewItems.id))
    .where(eq(interviewItems.interviewId, params.interviewId))
    .orderBy(asc(interviewItems.position));
  return { ...head, items };
}

export async function listItems(db: Db, params: { interviewId: string }) {
  return db.select().from(interviewItems).where(eq(interviewItems.interviewId, params.interviewId)).orderBy(asc(interviewItems.position));
}

export async function updateInterview(db: Db, params: { interviewId: string; set: Partial<typeof interviews.$inferInsert> }) {
  const [row] = await db.update(interviews).set(params.set).where(eq(interviews.id, params.interviewId)).returning();
  return row!;
}

export async function updateItem(db: Db, params: { itemId: string; set: Partial<typeof interviewItems.$inferInsert> }) {
  const [row] = await db.update(interviewItems).set(params.set).where(eq(interviewItems.id, params.itemId)).returning();
  return row!;
}

export async function insertItem(db: Db, params: typeof interviewItems.$inferInsert) {
  const [row] = await db.insert(interviewItems).values(params).returning();
  return row!;
}

/** The draft row an item gets when it starts; idempotent. */
export async function ensureAnswer(db: Db, params: { itemId: string }) {
  await db.insert(answers).values({ itemId: params.itemId }).onConflictDoNothing();
  const [row] = await db.select().from(answers).where(eq(answers.itemId, params.itemId));
  return row!;
}

export async function getAnswerByItem(db: Db, params: { itemId: string }) {
  const [row] = await db.select().from(answers).where(eq(answers.itemId, params.itemId));
  return row ?? null;
}

export async function updateAnswer(db: Db, params: { answerId: string; set: Partial<typeof answers.$inferInsert> }) {
  const [row] = await db
    .update(answers)
    .set({ ...params.set, updatedAt: new Date() })
    .where(eq(answers.id, params.answerId))
    .returning();
  return row!;
}

/**
 * Saves a draft only if it is newer than the stored one, the item is still open, belongs to the
 * interview and its deadline has not passed; one conditional statement, so a late or stale
 * autosave (or an item of another interview) is a no-op.
 */
export async function saveDraftIfOpen(db: Db, params: { interviewId: string; itemId: string; text: string; revision: number; now: Date }) {
  const [row] = await db
    .update(answers)
    .set({ draft: params.text, draftRevision: params.revision, draftSavedAt: params.now, updatedAt: params.now })
    .where(
      and(
        eq(answers.itemId, params.itemId),
        lt(answers.draftRevision, params.revision),
        isNull(answers.submittedAt),
        sql`exists (select 1 from ${interviewItems} i where i.id = ${params.itemId} and i.interview_id = ${params.interviewId} and i.status = 'presented' and i.deadline_at > ${params.now})`,
      ),
    )
    .returning({ revision: answers.draftRevision, savedAt: answers.draftSavedAt });
  return row ?? null;
}

/** Presented items whose deadline passed a while ago: the safety net behind the delayed jobs. */
export async function findOverdueItems(db: Db, params: { before: Date; limit: number }) {
  return db
    .select({ itemId: interviewItems.id, interviewId: interviewItems.interviewId })
    .from(interviewItems)
    .where(and(eq(interviewItems.status, 'presented'), lt(interviewItems.deadlineAt, params.before)))
    .limit(params.limit);
}

/** Interviews in progress whose overall deadline has passed with no item open (e.g. between items). */
export async function findOverdueInterviews(db: Db, params: { before: Date; limit: number }) {
  return db
    .select({ interviewId: interviews.id })
    .from(interviews)
    .where(
      and(
        eq(interviews.status, 'in_progress'),
        lt(interviews.deadlineAt, params.before),
        sql`not exists (select 1 from ${interviewItems} i where i.interview_id = ${interviews.id} and i.status = 'presented')`,
      ),
    )
    .limit(params.limit);
}

export async function itemsByIds(db: Db, params: { itemIds: string[] }) {
  if (params.itemIds.length === 0) return [];
  return db.select().from(interviewItems).where(inArray(interviewItems.id, params.itemIds));
}

/** The question and rubric version an item is graded against (for follow-up decisions). */
export async function loadItemQuestion(db: Db, params: { questionId: string; rubricVersionId: string }) {
  const [row] = await db
    .select({
      question: { id: questions.slug, title: questions.title, prompt: questions.prompt, referenceAnswer: questions.referenceAnswer },
      rubric: rubricVersions.definition,
    })
    .from(questions)
    .innerJoin(rubricVersions, eq(rubricVersions.id, params.rubricVersionId))
    .where(eq(questions.id, params.questionId));
  return row ?? null;
}

export async function listAnswersForItems(db: Db, params: { itemIds: string[] }) {
  if (params.itemIds.length === 0) return [];
  return db
    .select({ itemId: answers.itemId, text: answers.text, transcript: answers.transcript, draft: answers.draft, mode: answers.mode })
    .from(answers)
    .where(inArray(answers.itemId, params.itemIds));
}

/** A stored recording, only if the item belongs to the interview. */
export async function getItemAudio(db: Db, params: { interviewId: string; itemId: string }) {
  const [row] = await db
    .select({ audio: answers.audio, mime: answers.audioMime })
    .from(answers)
    .innerJoin(interviewItems, eq(interviewItems.id, answers.itemId))
    .where(and(eq(answers.itemId, params.itemId), eq(interviewItems.interviewId, params.interviewId)));
  return row?.audio && row.mime ? { audio: row.audio, mime: row.mime } : null;
}
