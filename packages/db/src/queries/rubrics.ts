import type { RubricDefinition } from '@interview/contracts/rubric';
import { and, asc, count, desc, eq, inArray, isNull, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { answers } from '../schema/answers';
import { questions } from '../schema/bank';
import { grades } from '../schema/grades';
import { interviewItems, interviews } from '../schema/interviews';
import { calibrationAnswers, rubrics, rubricVersions } from '../schema/rubrics';
import type { Conn } from './templates';

export type RubricRow = typeof rubrics.$inferSelect;
export type RubricVersionRow = typeof rubricVersions.$inferSelect;
export type CalibrationRow = typeof calibrationAnswers.$inferSelect;

const ownOrBuiltIn = (orgId: string): SQL => or(isNull(rubrics.orgId), eq(rubrics.orgId, orgId))!;

/** Version columns without the definition, for lists. */
const versionSummary = {
  id: rubricVersions.id,
  rubricId: rubricVersions.rubricId,
  version: rubricVersions.version,
  status: rubricVersions.status,
  contentHash: rubricVersions.contentHash,
  createdBy: rubricVersions.createdBy,
  createdAt: rubricVersions.createdAt,
  publishedAt: rubricVersions.publishedAt,
};
export type RubricVersionSummaryRow = { [K in keyof typeof versionSummary]: RubricVersionRow[K] };

const questionBrief = { id: questions.id, slug: questions.slug, title: questions.title, category: questions.category };

// ---- Reading

export async function getVisibleRubric(db: Conn, params: { rubricId: string; orgId: string }) {
  const [row] = await db
    .select({ rubric: rubrics, question: questionBrief })
    .from(rubrics)
    .innerJoin(questions, eq(questions.id, rubrics.questionId))
    .where(and(eq(rubrics.id, params.rubricId), ownOrBuiltIn(params.orgId)));
  return row ?? null;
}

export async function listVisibleRubrics(db: Conn, params: { orgId: string; questionId?: string; limit: number; offset: number }) {
  const where = and(ownOrBuiltIn(params.orgId), params.questionId ? eq(rubrics.questionId, params.questionId) : undefined);
  const rows = await db
    .select({ rubric: rubrics, question: questionBrief })
    .from(rubrics)
    .innerJoin(questions, eq(questions.id, rubrics.questionId))
    .where(where)
    .orderBy(asc(questions.title), sql`${rubrics.orgId} is not null`, asc(rubrics.name), asc(rubrics.id))
    .limit(params.limit)
    .offset(params.offset);
  const [totals] = await db.select({ total: count() }).from(rubrics).where(where);
  return { rows, total: totals?.total ?? 0 };
}

/** Every version of the given rubrics, newest first, without definitions. */
export async function listVersionSummaries(db: Conn, params: { rubricIds: string[] }): Promise<RubricVersionSummaryRow[]> {
  if (params.rubricIds.length === 0) return [];
  return db
    .select(versionSummary)
    .from(rubricVersions)
    .where(inArray(rubricVersions.rubricId, params.rubricIds))
    .orderBy(desc(rubricVersions.version));
}

/** A version the organisation can see (its own rubric's or a built-in one's), with its rubric. */
export async function getVisibleVersion(db: Conn, params: { versionId: string; orgId: string }) {
  const [row] = await db
    .select({ version: rubricVersions, rubric: rubrics })
    .from(rubricVersions)
    .innerJoin(rubrics, eq(rubrics.id, rubricVersions.rubricId))
    .where(and(eq(rubricVersions.id, params.versionId), ownOrBuiltIn(params.orgId)));
  return row ?? null;
}

export async function latestPublishedVersion(db: Conn, params: { rubricId: string; belowVersion?: number }) {
  const [row] = await db
    .select()
    .from(rubricVersions)
    .where(
      and(
        eq(rubricVersions.rubricId, params.rubricId),
        eq(rubricVersions.status, 'published'),
        params.belowVersion === undefined ? undefined : sql`${rubricVersions.version} < ${params.belowVersion}`,
      ),
    )
    .orderBy(desc(rubricVersions.version))
    .limit(1);
  return row ?? null;
}

export async function draftVersion(db: Conn, params: { rubricId: string }) {
  const [row] = await db
    .select()
    .from(rubricVersions)
    .where(and(eq(rubricVersions.rubricId, params.rubricId), eq(rubricVersions.status, 'draft')))
    .orderBy(desc(rubricVersions.version))
    .limit(1);
  return row ?? null;
}

export async function rubricNamesInUse(db: Conn, params: { orgId: string; questionId: string }) {
  const rows = await db
    .select({ name: rubrics.name })
    .from(rubrics)
    .where(and(eq(rubrics.orgId, params.orgId), eq(rubrics.questionId, params.questionId)));
  return new Set(rows.map((r) => r.name));
}

// ---- Writing versions (published rows are never updated: a trigger would refuse anyway)

async function lockRubric(tx: Conn, rubricId: string) {
  await tx.select({ id: rubrics.id }).from(rubrics).where(eq(rubrics.id, rubricId)).for('update');
}

async function nextVersionNumber(tx: Conn, rubricId: string) {
  const [row] = await tx
    .select({ next: sql<number>`coalesce(max(${rubricVersions.version}), 0)::int + 1` })
    .from(rubricVersions)
    .where(eq(rubricVersions.rubricId, rubricId));
  return row?.next ?? 1;
}

/** A new org rubric for the source's question, with a draft that copies the source version. */
export async function insertForkedRubric(
  db: Conn,
  params: {
    orgId: string;
    questionId: string;
    name: string;
    source: Pick<RubricVersionRow, 'id' | 'definition' | 'contentHash'>;
    createdBy: string;
  },
) {
  return db.transaction(async (tx) => {
    const [rubric] = await tx
      .insert(rubrics)
      .values({ orgId: params.orgId, questionId: params.questionId, name: params.name, forkedFromVersionId: params.source.id })
      .returning();
    const [draft] = await tx
      .insert(rubricVersions)
      .values({
        rubricId: rubric!.id,
        version: 1,
        status: 'draft',
        definition: params.source.definition,
        contentHash: params.source.contentHash,
        createdBy: params.createdBy,
      })
      .returning();
    return { rubric: rubric!, draft: draft! };
  });
}

/** Creates the rubric's draft, or rewrites the existing one. */
export async function saveDraftVersion(
  db: Conn,
  params: { rubricId: string; definition: RubricDefinition; contentHash: string; createdBy: string },
) {
  return db.transaction(async (tx) => {
    await lockRubric(tx, params.rubricId);
    const draft = await draftVersion(tx, params);
    if (draft) {
      const [row] = await tx
        .update(rubricVersions)
        .set({ definition: params.definition, contentHash: params.contentHash })
        .where(and(eq(rubricVersions.id, draft.id), eq(rubricVersions.status, 'draft')))
        .returning();
      return { version: row!, created: false };
    }
    const [row] = await tx
      .insert(rubricVersions)
      .values({
        rubricId: params.rubricId,
        version: await nextVersionNumber(tx, params.rubricId),
        status: 'draft',
        definition: params.definition,
        contentHash: params.contentHash,
        createdBy: params.createdBy,
      })
      .returning();
    return { version: row!, created: true };
  });
}

export type PublishOutcome =
  | { outcome: 'no_draft' }
  | { outcome: 'unchanged'; latest: RubricVersionRow }
  | { outcome: 'published'; version: RubricVersionRow };

/**
 * Turns the draft into the newest published version. Its number moves past any version published
 * meanwhile (an import), and createdAt becomes the publish time because new interviews pick the
 * organisation's newest published version by createdAt.
 */
export async function publishDraftVersion(db: Conn, params: { rubricId: string }): Promise<PublishOutcome> {
  return db.transaction(async (tx) => {
    await lockRubric(tx, params.rubricId);
    const draft = await draftVersion(tx, params);
    if (!draft) return { outcome: 'no_draft' };
    const latest = await latestPublishedVersion(tx, params);
    if (latest && latest.contentHash === draft.contentHash) return { outcome: 'unchanged', latest };
    const now = new Date();
    const version = latest && latest.version > draft.version ? await nextVersionNumber(tx, params.rubricId) : draft.version;
    const [row] = await tx
      .update(rubricVersions)
      .set({ status: 'published', publishedAt: now, createdAt: now, version })
      .where(and(eq(rubricVersions.id, draft.id), eq(rubricVersions.status, 'draft')))
      .returning();
    return { outcome: 'published', version: row! };
  });
}

/**
 * Import of one org rubric: creates the rubric if needed and adds a published version when the
 * content differs from its latest one. A draft in progress is left alone.
 */
export async function importOrgRubricVersion(
  db: Conn,
  params: { orgId: string; questionId: string; name: string; definition: RubricDefinition; contentHash: string; createdBy: string },
) {
  return db.transaction(async (tx) => {
    let [rubric] = await tx
      .select()
      .from(rubrics)
      .where(and(eq(rubrics.orgId, params.orgId), eq(rubrics.questionId, params.questionId), eq(rubrics.name, params.name)));
    const created = !rubric;
    if (!rubric)
      [rubric] = await tx.insert(rubrics).values({ orgId: params.orgId, questionId: params.questionId, name: params.name }).returning();
    const rubricId = rubric!.id;
    await lockRubric(tx, rubricId);
    const latest = await latestPublishedVersion(tx, { rubricId });
    if (latest && latest.contentHash === params.contentHash) return { rubricId, versionId: latest.id, change: 'unchanged' as const };
    const now = new Date();
    const [version] = await tx
      .insert(rubricVersions)
      .values({
        rubricId,
        version: await nextVersionNumber(tx, rubricId),
        status: 'published',
        definition: params.definition,
        contentHash: params.contentHash,
        createdBy: params.createdBy,
        publishedAt: now,
      })
      .returning({ id: rubricVersions.id });
    return { rubricId, versionId: version!.id, change: created ? ('created' as const) : ('new-version' as const) };
  });
}

/** Each org rubric's newest published version with its question, for export. */
export async function listOrgRubricsForExport(db: Conn, params: { orgId: string }) {
  const rows = await db
    .select({ rubric: rubrics, definition: rubricVersions.definition, version: rubricVersions.version, question: questions })
    .from(rubrics)
    .innerJoin(rubricVersions, and(eq(rubricVersions.rubricId, rubrics.id), eq(rubricVersions.status, 'published')))
    .innerJoin(questions, eq(questions.id, rubrics.questionId))
    .where(eq(rubrics.orgId, params.orgId))
    .orderBy(asc(questions.slug), asc(rubrics.name), desc(rubricVersions.version));
  const latest = new Map<string, (typeof rows)[number]>();
  for (const row of rows) if (!latest.has(row.rubric.id)) latest.set(row.rubric.id, row);
  return [...latest.values()];
}

// ---- Calibration answers

export async function listCalibrationAnswers(db: Conn, params: { rubricId: string }) {
  return db
    .select()
    .from(calibrationAnswers)
    .where(eq(calibrationAnswers.rubricId, params.rubricId))
    .orderBy(asc(calibrationAnswers.createdAt), asc(calibrationAnswers.id));
}

export async function countCalibrationAnswers(db: Conn, params: { rubricId: string }) {
  const [row] = await db.select({ n: count() }).from(calibrationAnswers).where(eq(calibrationAnswers.rubricId, params.rubricId));
  return row?.n ?? 0;
}

export async function insertCalibrationAnswer(
  db: Conn,
  params: {
    rubricId: string;
    answer: string;
    expectedScores: Record<string, number>;
    expectedTotal: number | null;
    note: string | null;
    createdBy: string;
  },
) {
  const [row] = await db.insert(calibrationAnswers).values(params).returning();
  return row!;
}

export async function deleteCalibrationAnswer(db: Conn, params: { rubricId: string; calibrationId: string }) {
  const rows = await db
    .delete(calibrationAnswers)
    .where(and(eq(calibrationAnswers.id, params.calibrationId), eq(calibrationAnswers.rubricId, params.rubricId)))
    .returning({ id: calibrationAnswers.id });
  return rows.length > 0;
}

// ---- Regrading: always scoped to one organisation's interviews

/** The organisation's answers among `answerIds`, with what decides whether each can be regraded. */
export async function orgAnswersByIds(db: Conn, params: { orgId: string; answerIds: string[] }) {
  if (params.answerIds.length === 0) return [];
  return db
    .select({
      answerId: answers.id,
      questionId: interviewItems.questionId,
      isMain: sql<boolean>`${interviewItems.parentItemId} is null`,
      hasText: sql<boolean>`coalesce(${answers.text}, ${answers.transcript}) is not null`,
    })
    .from(answers)
    .innerJoin(interviewItems, eq(interviewItems.id, answers.itemId))
    .innerJoin(interviews, eq(interviews.id, interviewItems.interviewId))
    .where(and(eq(interviews.orgId, params.orgId), inArray(answers.id, params.answerIds)));
}

/**
 * The organisation's gradable answers to a question: main items only (follow-ups are graded with
 * their question), with text, optionally narrowed to a template and/or an id list.
 */
export async function orgAnswersForRegrade(
  db: Conn,
  params: { orgId: string; questionId: string; templateId?: string; answerIds?: string[] },
) {
  const rows = await db
    .select({ answerId: answers.id })
    .from(answers)
    .innerJoin(interviewItems, eq(interviewItems.id, answers.itemId))
    .innerJoin(interviews, eq(interviews.id, interviewItems.interviewId))
    .where(
      and(
        eq(interviews.orgId, params.orgId),
        eq(interviewItems.questionId, params.questionId),
        isNull(interviewItems.parentItemId),
        sql`coalesce(${answers.text}, ${answers.transcript}) is not null`,
        params.templateId ? eq(interviews.templateId, params.templateId) : undefined,
        params.answerIds ? inArray(answers.id, params.answerIds) : undefined,
      ),
    )
    .orderBy(asc(answers.submittedAt), asc(answers.id));
  return rows.map((r) => r.answerId);
}

/**
 * The organisation's grades under `versionId`, each beside the same answer's grade under the base
 * version (given, else the one the interview item pinned).
 */
export async function regradeComparisonRows(db: Conn, params: { orgId: string; versionId: string; baseVersionId?: string; limit: number }) {
  const base = alias(grades, 'base_grade');
  const baseVersion = params.baseVersionId ? sql`${params.baseVersionId}::uuid` : sql`${interviewItems.rubricVersionId}`;
  return db
    .select({
      answerId: answers.id,
      interviewId: interviewItems.interviewId,
      baseVersionId: sql<string>`${baseVersion}`,
      status: grades.status,
      total: grades.total,
      criteria: grades.criteria,
      baseTotal: base.total,
      baseCriteria: base.criteria,
    })
    .from(grades)
    .innerJoin(answers, eq(answers.id, grades.answerId))
    .innerJoin(interviewItems, eq(interviewItems.id, answers.itemId))
    .innerJoin(interviews, eq(interviews.id, interviewItems.interviewId))
    .leftJoin(base, and(eq(base.answerId, answers.id), sql`${base.rubricVersionId} = ${baseVersion}`))
    .where(and(eq(grades.rubricVersionId, params.versionId), eq(interviews.orgId, params.orgId)))
    .orderBy(asc(answers.submittedAt), asc(answers.id))
    .limit(params.limit);
}
