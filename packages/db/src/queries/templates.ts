import { and, asc, count, eq, ilike, inArray, isNull, ne, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { questionBanks, questions } from '../schema/bank';
import { interviews, interviewTemplates, templateQuestions } from '../schema/interviews';

/** A database handle or an open transaction: queries here run in either. */
export type Conn = Db | Parameters<Parameters<Db['transaction']>[0]>[0];

export type TemplateRow = typeof interviewTemplates.$inferSelect;
export type QuestionRow = typeof questions.$inferSelect;

/** Built-in rows (org null) are visible to every organisation; others only to their own. */
const ownOrBuiltIn = (column: typeof questionBanks.orgId | typeof interviewTemplates.orgId, orgId: string): SQL =>
  or(isNull(column), eq(column, orgId))!;

const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, '\\$&')}%`;

// ---- Questions of the banks an organisation can see

export async function searchQuestions(
  db: Conn,
  params: { orgId: string; search?: string; category?: string; limit: number; offset: number },
) {
  const pattern = params.search ? likePattern(params.search) : null;
  const where = and(
    ownOrBuiltIn(questionBanks.orgId, params.orgId),
    params.category ? eq(questions.category, params.category) : undefined,
    pattern
      ? or(
          ilike(questions.title, pattern),
          ilike(questions.prompt, pattern),
          ilike(questions.slug, pattern),
          sql`${questions.tags}::text ilike ${pattern}`,
        )
      : undefined,
  );
  const rows = await db
    .select({ question: questions, bankOrgId: questionBanks.orgId })
    .from(questions)
    .innerJoin(questionBanks, eq(questionBanks.id, questions.bankId))
    .where(where)
    .orderBy(asc(questions.category), asc(questions.title), asc(questions.id))
    .limit(params.limit)
    .offset(params.offset);
  const [totals] = await db
    .select({ total: count() })
    .from(questions)
    .innerJoin(questionBanks, eq(questionBanks.id, questions.bankId))
    .where(where);
  return { rows, total: totals?.total ?? 0 };
}

export async function getVisibleQuestion(db: Conn, params: { questionId: string; orgId: string }) {
  const [row] = await db
    .select({ question: questions, bankOrgId: questionBanks.orgId })
    .from(questions)
    .innerJoin(questionBanks, eq(questionBanks.id, questions.bankId))
    .where(and(eq(questions.id, params.questionId), ownOrBuiltIn(questionBanks.orgId, params.orgId)));
  return row ?? null;
}

/** Which of `questionIds` the organisation can see. */
export async function visibleQuestionIds(db: Conn, params: { questionIds: string[]; orgId: string }) {
  if (params.questionIds.length === 0) return new Set<string>();
  const rows = await db
    .select({ id: questions.id })
    .from(questions)
    .innerJoin(questionBanks, eq(questionBanks.id, questions.bankId))
    .where(and(inArray(questions.id, params.questionIds), ownOrBuiltIn(questionBanks.orgId, params.orgId)));
  return new Set(rows.map((r) => r.id));
}

/** Visible questions by slug; the caller decides between the org's bank and the built-in one. */
export async function findVisibleQuestionsBySlug(db: Conn, params: { slugs: string[]; orgId: string }) {
  if (params.slugs.length === 0) return [];
  return db
    .select({ id: questions.id, slug: questions.slug, bankId: questions.bankId, bankOrgId: questionBanks.orgId })
    .from(questions)
    .innerJoin(questionBanks, eq(questionBanks.id, questions.bankId))
    .where(and(inArray(questions.slug, params.slugs), ownOrBuiltIn(questionBanks.orgId, params.orgId)));
}

// ---- Templates

export async function listVisibleTemplates(db: Conn, params: { orgId: string }) {
  return db
    .select({ template: interviewTemplates, questionCount: count(templateQuestions.id) })
    .from(interviewTemplates)
    .leftJoin(templateQuestions, eq(templateQuestions.templateId, interviewTemplates.id))
    .where(ownOrBuiltIn(interviewTemplates.orgId, params.orgId))
    .groupBy(interviewTemplates.id)
    .orderBy(sql`${interviewTemplates.orgId} is not null`, asc(interviewTemplates.name), asc(interviewTemplates.id));
}

export async function getVisibleTemplate(db: Conn, params: { templateId: string; orgId: string }) {
  const [row] = await db
    .select()
    .from(interviewTemplates)
    .where(and(eq(interviewTemplates.id, params.templateId), ownOrBuiltIn(interviewTemplates.orgId, params.orgId)));
  return row ?? null;
}

/** A template's questions in order, with the effective time limit (override, else the question's). */
export async function listTemplateQuestionDetails(db: Conn, params: { templateId: string }) {
  return db
    .select({
      position: templateQuestions.position,
      questionId: questions.id,
      slug: questions.slug,
      title: questions.title,
      category: questions.category,
      difficulty: questions.difficulty,
      timeLimitSec: sql<number>`coalesce(${templateQuestions.timeLimitSec}, ${questions.timeLimitSec})`,
      timeLimitOverrideSec: templateQuestions.timeLimitSec,
    })
    .from(templateQuestions)
    .innerJoin(questions, eq(questions.id, templateQuestions.questionId))
    .where(eq(templateQuestions.templateId, params.templateId))
    .orderBy(asc(templateQuestions.position));
}

export async function orgTemplateBySlug(db: Conn, params: { orgId: string; slug: string }) {
  const [row] = await db
    .select()
    .from(interviewTemplates)
    .where(and(eq(interviewTemplates.orgId, params.orgId), eq(interviewTemplates.slug, params.slug)));
  return row ?? null;
}

export async function templateSlugTaken(db: Conn, params: { orgId: string; slug: string; exceptId?: string }) {
  const [row] = await db
    .select({ id: interviewTemplates.id })
    .from(interviewTemplates)
    .where(
      and(
        eq(interviewTemplates.orgId, params.orgId),
        eq(interviewTemplates.slug, params.slug),
        params.exceptId ? ne(interviewTemplates.id, params.exceptId) : undefined,
      ),
    );
  return row !== undefined;
}

export interface TemplateFields {
  slug: string;
  name: string;
  description: string;
  mode: 'practice' | 'assessment';
  answerModes: ('typed' | 'spoken')[];
  followupsPerQuestion: number;
  totalTimeLimitSec: number;
}

/**
 * Creates an organisation's template, or replaces one (fields and the whole question list) when
 * `templateId` is given. Interviews pin their own items, so rewriting a template never alters them.
 */
export async function saveOrgTemplate(
  db: Conn,
  params: { orgId: string; templateId?: string; fields: TemplateFields; questions: { questionId: string; timeLimitSec?: number | null }[] },
) {
  return db.transaction(async (tx) => {
    let templateId = params.templateId;
    if (templateId) {
      await tx
        .update(interviewTemplates)
        .set({ ...params.fields, updatedAt: new Date() })
        .where(and(eq(interviewTemplates.id, templateId), eq(interviewTemplates.orgId, params.orgId)));
      await tx.delete(templateQuestions).where(eq(templateQuestions.templateId, templateId));
    } else {
      const [row] = await tx
        .insert(interviewTemplates)
        .values({ ...params.fields, orgId: params.orgId })
        .returning({ id: interviewTemplates.id });
      templateId = row!.id;
    }
    const id = templateId;
    await tx.insert(templateQuestions).values(
      params.questions.map((q, position) => ({
        templateId: id,
        position,
        questionId: q.questionId,
        timeLimitSec: q.timeLimitSec ?? null,
      })),
    );
    return { templateId: id };
  });
}

export async function countInterviewsUsingTemplate(db: Conn, params: { templateId: string }) {
  const [row] = await db.select({ n: count() }).from(interviews).where(eq(interviews.templateId, params.templateId));
  return row?.n ?? 0;
}

/** Deletes an organisation's own template; returns false when there was none. */
export async function deleteOrgTemplate(db: Conn, params: { templateId: string; orgId: string }) {
  const rows = await db
    .delete(interviewTemplates)
    .where(and(eq(interviewTemplates.id, params.templateId), eq(interviewTemplates.orgId, params.orgId)))
    .returning({ id: interviewTemplates.id });
  return rows.length > 0;
}
