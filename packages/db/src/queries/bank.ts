import { createHash } from 'node:crypto';
import type { QuestionFile, RubricDefinition, TemplateFile } from '@interview/contracts';
import { and, asc, desc, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Db } from '../client';
import { questionBanks, questions } from '../schema/bank';
import { interviewTemplates, templateQuestions } from '../schema/interviews';
import { rubrics, rubricVersions } from '../schema/rubrics';

const orgIs = (column: AnyPgColumn, orgId: string | null): SQL => (orgId === null ? isNull(column) : eq(column, orgId));

/** Canonical JSON (sorted keys) so the hash only changes when the content does. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export const rubricContentHash = (definition: RubricDefinition) => createHash('sha256').update(canonical(definition)).digest('hex');

export async function upsertBank(db: Db, params: { orgId: string | null; slug: string; name: string }) {
  const [existing] = await db
    .select()
    .from(questionBanks)
    .where(and(orgIs(questionBanks.orgId, params.orgId), eq(questionBanks.slug, params.slug)));
  if (existing) return existing;
  const [row] = await db.insert(questionBanks).values(params).returning();
  return row!;
}

export interface ImportOutcome {
  questionId: string;
  rubricVersionId: string;
  /** 'created' = new question, 'new-version' = rubric changed, 'unchanged' = nothing to do. */
  change: 'created' | 'new-version' | 'updated' | 'unchanged';
}

/**
 * Idempotent upsert of one question and its default rubric. A changed rubric becomes a new
 * published version; published versions are never rewritten (the database enforces it too).
 */
export async function importQuestion(
  db: Db,
  params: { bankId: string; orgId: string | null; question: QuestionFile },
): Promise<ImportOutcome> {
  const q = params.question;
  return db.transaction(async (tx) => {
    const fields = {
      category: q.category,
      title: q.title,
      prompt: q.prompt,
      difficulty: q.difficulty,
      tags: q.tags,
      timeLimitSec: q.timeLimitSec,
      referenceAnswer: q.referenceAnswer,
    };
    const [existing] = await tx
      .select()
      .from(questions)
      .where(and(eq(questions.bankId, params.bankId), eq(questions.slug, q.id)));
    let questionId: string;
    let questionChanged = false;
    if (existing) {
      questionId = existing.id;
      questionChanged = canonical({ ...fields }) !== canonical(pick(existing, Object.keys(fields) as (keyof typeof fields)[]));
      if (questionChanged)
        await tx
          .update(questions)
          .set({ ...fields, updatedAt: new Date() })
          .where(eq(questions.id, questionId));
    } else {
      const [row] = await tx
        .insert(questions)
        .values({ ...fields, bankId: params.bankId, slug: q.id })
        .returning({ id: questions.id });
      questionId = row!.id;
    }

    const name = 'default';
    let [rubric] = await tx
      .select()
      .from(rubrics)
      .where(and(orgIs(rubrics.orgId, params.orgId), eq(rubrics.questionId, questionId), eq(rubrics.name, name)));
    if (!rubric) {
      [rubric] = await tx.insert(rubrics).values({ orgId: params.orgId, questionId, name }).returning();
    }
    const hash = rubricContentHash(q.rubric);
    const [latest] = await tx
      .select()
      .from(rubricVersions)
      .where(and(eq(rubricVersions.rubricId, rubric!.id), eq(rubricVersions.status, 'published')))
      .orderBy(desc(rubricVersions.version))
      .limit(1);
    if (latest && latest.contentHash === hash) {
      return { questionId, rubricVersionId: latest.id, change: existing ? (questionChanged ? 'updated' : 'unchanged') : 'created' };
    }
    const [{ next } = { next: 1 }] = await tx
      .select({ next: sql<number>`coalesce(max(${rubricVersions.version}), 0)::int + 1` })
      .from(rubricVersions)
      .where(eq(rubricVersions.rubricId, rubric!.id));
    const [version] = await tx
      .insert(rubricVersions)
      .values({
        rubricId: rubric!.id,
        version: next,
        status: 'published',
        definition: q.rubric,
        contentHash: hash,
        publishedAt: new Date(),
      })
      .returning({ id: rubricVersions.id });
    return { questionId, rubricVersionId: version!.id, change: existing ? 'new-version' : 'created' };
  });
}

function pick<T extends object, K extends keyof T>(obj: T, keys: K[]): Pick<T, K> {
  return Object.fromEntries(keys.map((k) => [k, obj[k]])) as Pick<T, K>;
}

/** Upserts a template and replaces its question list (templates are mutable; interviews copy what they need). */
export async function importTemplate(db: Db, params: { bankId: string; orgId: string | null; template: TemplateFile }) {
  const t = params.template;
  return db.transaction(async (tx) => {
    const found = await tx
      .select({ id: questions.id, slug: questions.slug })
      .from(questions)
      .where(and(eq(questions.bankId, params.bankId), inArray(questions.slug, t.questions)));
    const idBySlug = new Map(found.map((r) => [r.slug, r.id]));
    const missing = t.questions.filter((s) => !idBySlug.has(s));
    if (missing.length > 0) throw new Error(`template ${t.id} references unknown questions: ${missing.join(', ')}`);
    const fields = {
      name: t.name,
      description: t.description,
      mode: t.mode,
      answerModes: t.answerModes,
      followupsPerQuestion: t.followupsPerQuestion,
      totalTimeLimitSec: t.totalTimeLimitSec,
      updatedAt: new Date(),
    };
    const [existing] = await tx
      .select({ id: interviewTemplates.id })
      .from(interviewTemplates)
      .where(and(orgIs(interviewTemplates.orgId, params.orgId), eq(interviewTemplates.slug, t.id)));
    let templateId = existing?.id;
    if (templateId) await tx.update(interviewTemplates).set(fields).where(eq(interviewTemplates.id, templateId));
    else {
      const [row] = await tx
        .insert(interviewTemplates)
        .values({ ...fields, orgId: params.orgId, slug: t.id })
        .returning({ id: interviewTemplates.id });
      templateId = row!.id;
    }
    await tx.delete(templateQuestions).where(eq(templateQuestions.templateId, templateId));
    await tx
      .insert(templateQuestions)
      .values(t.questions.map((slug, position) => ({ templateId: templateId!, position, questionId: idBySlug.get(slug)! })));
    return { templateId };
  });
}

export async function listQuestions(db: Db, params: { bankId: string }) {
  return db.select().from(questions).where(eq(questions.bankId, params.bankId)).orderBy(asc(questions.category), asc(questions.slug));
}

/** The newest published version of a question's rubric for an org (falling back to the built-in one). */
export async function latestPublishedRubricVersion(db: Db, params: { questionId: string; orgId: string | null }) {
  const rows = await db
    .select({ version: rubricVersions, orgId: rubrics.orgId })
    .from(rubricVersions)
    .innerJoin(rubrics, eq(rubrics.id, rubricVersions.rubricId))
    .where(and(eq(rubrics.questionId, params.questionId), eq(rubricVersions.status, 'published')))
    .orderBy(desc(rubricVersions.createdAt), desc(rubricVersions.version));
  const own = rows.find((r) => params.orgId !== null && r.orgId === params.orgId);
  return (own ?? rows.find((r) => r.orgId === null))?.version ?? null;
}

export async function findBank(db: Db, params: { orgId: string | null; slug: string }) {
  const [row] = await db
    .select()
    .from(questionBanks)
    .where(and(orgIs(questionBanks.orgId, params.orgId), eq(questionBanks.slug, params.slug)));
  return row ?? null;
}

/** Each question of a bank with the newest published version of its default rubric. */
export async function listQuestionsWithRubric(db: Db, params: { bankId: string; orgId: string | null }) {
  const rows = await db
    .select({ question: questions, definition: rubricVersions.definition, version: rubricVersions.version })
    .from(questions)
    .innerJoin(rubrics, and(eq(rubrics.questionId, questions.id), orgIs(rubrics.orgId, params.orgId), eq(rubrics.name, 'default')))
    .innerJoin(rubricVersions, and(eq(rubricVersions.rubricId, rubrics.id), eq(rubricVersions.status, 'published')))
    .where(eq(questions.bankId, params.bankId))
    .orderBy(asc(questions.slug), desc(rubricVersions.version));
  const latest = new Map<string, (typeof rows)[number]>();
  for (const row of rows) if (!latest.has(row.question.id)) latest.set(row.question.id, row);
  return [...latest.values()];
}

/** Templates of an org (null = built-in) with their question slugs in order. */
export async function listTemplatesWithQuestions(db: Db, params: { orgId: string | null }) {
  const rows = await db
    .select({ template: interviewTemplates, slug: questions.slug, position: templateQuestions.position })
    .from(interviewTemplates)
    .innerJoin(templateQuestions, eq(templateQuestions.templateId, interviewTemplates.id))
    .innerJoin(questions, eq(questions.id, templateQuestions.questionId))
    .where(orgIs(interviewTemplates.orgId, params.orgId))
    .orderBy(asc(interviewTemplates.slug), asc(templateQuestions.position));
  const byId = new Map<string, { template: (typeof rows)[number]['template']; questionSlugs: string[] }>();
  for (const r of rows) {
    const entry = byId.get(r.template.id) ?? { template: r.template, questionSlugs: [] };
    entry.questionSlugs.push(r.slug);
    byId.set(r.template.id, entry);
  }
  return [...byId.values()];
}
