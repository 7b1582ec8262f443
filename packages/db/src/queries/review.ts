import { and, asc, desc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../client';
import { answers } from '../schema/answers';
import { questions } from '../schema/bank';
import { grades } from '../schema/grades';
import { interviewItems, interviews, interviewTemplates, templateQuestions } from '../schema/interviews';
import { users } from '../schema/orgs';
import { decisions, scoreOverrides } from '../schema/review';
import { rubrics, rubricVersions } from '../schema/rubrics';

type InterviewStatus = (typeof interviews.$inferSelect)['status'];
type DecisionKind = (typeof decisions.$inferSelect)['decision'];

/** Keeps `in (...)` lists well under Postgres' 65,535 bind parameters. */
const CHUNK = 1000;
async function chunked<T>(ids: readonly string[], run: (part: string[]) => Promise<T[]>): Promise<T[]> {
  const unique = [...new Set(ids)];
  const out: T[] = [];
  for (let i = 0; i < unique.length; i += CHUNK) out.push(...(await run(unique.slice(i, i + CHUNK))));
  return out;
}

/** The grade a question is scored by: its answer's grade under the rubric version the item pins. */
const pinnedGrade = and(eq(grades.answerId, answers.id), eq(grades.rubricVersionId, interviewItems.rubricVersionId));

/** Some main item's pinned grade needs a look: it carries flags or was left for a human. */
const flaggedInterview = sql<boolean>`exists (select 1 from ${interviewItems}
  join ${answers} on ${answers.itemId} = ${interviewItems.id}
  join ${grades} on ${grades.answerId} = ${answers.id} and ${grades.rubricVersionId} = ${interviewItems.rubricVersionId}
  where ${interviewItems.interviewId} = ${interviews.id} and ${interviewItems.kind} = 'question'
  and (jsonb_array_length(${grades.flags}) > 0 or ${grades.status} = 'needs_human_review'))`;

/** The most recently updated reviewer decision on an interview. */
const latestDecision = sql<DecisionKind | null>`(select ${decisions.decision} from ${decisions}
  where ${decisions.interviewId} = ${interviews.id} order by ${decisions.updatedAt} desc limit 1)`;

const interviewColumns = {
  id: interviews.id,
  orgId: interviews.orgId,
  status: interviews.status,
  mode: interviews.mode,
  templateId: interviews.templateId,
  templateName: interviewTemplates.name,
  candidate: { id: users.id, name: users.name, email: users.email },
  createdAt: interviews.createdAt,
  startedAt: interviews.startedAt,
  deadlineAt: interviews.deadlineAt,
  finishedAt: interviews.finishedAt,
  resultsReleasedAt: interviews.resultsReleasedAt,
};

/** One interview of an organisation with its template name and candidate; null for another org's id. */
export async function findInterview(db: Db, params: { orgId: string; interviewId: string }) {
  const [row] = await db
    .select(interviewColumns)
    .from(interviews)
    .innerJoin(interviewTemplates, eq(interviewTemplates.id, interviews.templateId))
    .innerJoin(users, eq(users.id, interviews.candidateId))
    .where(and(eq(interviews.id, params.interviewId), eq(interviews.orgId, params.orgId)));
  return row ?? null;
}
export type InterviewRow = NonNullable<Awaited<ReturnType<typeof findInterview>>>;

export interface InterviewListFilter {
  orgId: string;
  candidateId?: string;
  status?: InterviewStatus;
  templateId?: string;
  flagged?: boolean;
  order?: 'created_desc' | 'created_asc';
  limit?: number;
  offset?: number;
}

/** An organisation's interviews with the flagged marker and latest decision, filtered in SQL. */
export async function listInterviews(db: Db, params: InterviewListFilter) {
  const where = and(
    eq(interviews.orgId, params.orgId),
    params.candidateId ? eq(interviews.candidateId, params.candidateId) : undefined,
    params.status ? eq(interviews.status, params.status) : undefined,
    params.templateId ? eq(interviews.templateId, params.templateId) : undefined,
    params.flagged === undefined ? undefined : params.flagged ? flaggedInterview : sql`not ${flaggedInterview}`,
  );
  const created = params.order === 'created_asc' ? asc(interviews.createdAt) : desc(interviews.createdAt);
  const query = db
    .select({
      ...interviewColumns,
      flagged: flaggedInterview,
      decision: latestDecision,
    })
    .from(interviews)
    .innerJoin(interviewTemplates, eq(interviewTemplates.id, interviews.templateId))
    .innerJoin(users, eq(users.id, interviews.candidateId))
    .where(where)
    .orderBy(created, asc(interviews.id))
    .$dynamic();
  if (params.limit !== undefined) query.limit(params.limit);
  if (params.offset !== undefined) query.offset(params.offset);
  return query;
}
export type InterviewListRow = Awaited<ReturnType<typeof listInterviews>>[number];

/**
 * Main (kind 'question') items of interviews with their pinned grade's scores: enough to compute
 * totals without loading answer texts.
 */
export async function listQuestionGrades(db: Db, params: { interviewIds: readonly string[] }) {
  return chunked(params.interviewIds, (ids) =>
    db
      .select({
        interviewId: interviewItems.interviewId,
        itemId: interviewItems.id,
        position: interviewItems.position,
        questionId: interviewItems.questionId,
        rubricVersionId: interviewItems.rubricVersionId,
        gradeId: grades.id,
        gradeStatus: grades.status,
        aiTotal: grades.total,
        criteria: grades.criteria,
        flags: grades.flags,
      })
      .from(interviewItems)
      .leftJoin(answers, eq(answers.itemId, interviewItems.id))
      .leftJoin(grades, pinnedGrade)
      .where(and(inArray(interviewItems.interviewId, ids), eq(interviewItems.kind, 'question')))
      .orderBy(asc(interviewItems.interviewId), asc(interviewItems.position)),
  );
}
export type QuestionGradeRow = Awaited<ReturnType<typeof listQuestionGrades>>[number];

/** Every item of one interview in order, with question, answer and pinned grade (for transcripts and results). */
export async function listInterviewItems(db: Db, params: { interviewId: string }) {
  return db
    .select({
      item: interviewItems,
      question: { id: questions.id, slug: questions.slug, title: questions.title, prompt: questions.prompt, category: questions.category },
      answer: {
        id: answers.id,
        mode: answers.mode,
        text: answers.text,
        transcript: answers.transcript,
        hasAudio: sql<boolean>`${answers.audio} is not null`,
        audioDurationMs: answers.audioDurationMs,
        status: answers.status,
        submittedAt: answers.submittedAt,
      },
      grade: grades,
    })
    .from(interviewItems)
    .innerJoin(questions, eq(questions.id, interviewItems.questionId))
    .leftJoin(answers, eq(answers.itemId, interviewItems.id))
    .leftJoin(grades, pinnedGrade)
    .where(eq(interviewItems.interviewId, params.interviewId))
    .orderBy(asc(interviewItems.position));
}
export type InterviewItemRow = Awaited<ReturnType<typeof listInterviewItems>>[number];

/** Rubric definitions by version id (a handful per template; cached by the caller per request). */
export async function listRubricVersions(db: Db, params: { rubricVersionIds: readonly string[] }) {
  return chunked(params.rubricVersionIds, (ids) =>
    db
      .select({
        id: rubricVersions.id,
        rubricId: rubricVersions.rubricId,
        version: rubricVersions.version,
        definition: rubricVersions.definition,
      })
      .from(rubricVersions)
      .where(inArray(rubricVersions.id, ids)),
  );
}
export type RubricVersionRow = Awaited<ReturnType<typeof listRubricVersions>>[number];

const overrideColumns = {
  id: scoreOverrides.id,
  gradeId: scoreOverrides.gradeId,
  criterionKey: scoreOverrides.criterionKey,
  aiScore: scoreOverrides.aiScore,
  score: scoreOverrides.score,
  reason: scoreOverrides.reason,
  reviewerId: scoreOverrides.reviewerId,
  reviewerName: users.name,
  createdAt: scoreOverrides.createdAt,
};

/** Every override on the given grades, oldest first (so the last one per criterion is the one that wins). */
export async function listOverrides(db: Db, params: { gradeIds: readonly string[] }) {
  return chunked(params.gradeIds, (ids) =>
    db
      .select(overrideColumns)
      .from(scoreOverrides)
      .innerJoin(users, eq(users.id, scoreOverrides.reviewerId))
      .where(inArray(scoreOverrides.gradeId, ids))
      .orderBy(asc(scoreOverrides.createdAt), asc(scoreOverrides.id)),
  );
}
export type OverrideRow = Awaited<ReturnType<typeof listOverrides>>[number];

/** Reviewers' decisions on the given interviews, newest first. */
export async function listDecisions(db: Db, params: { interviewIds: readonly string[] }) {
  return chunked(params.interviewIds, (ids) =>
    db
      .select({
        id: decisions.id,
        interviewId: decisions.interviewId,
        reviewer: { id: users.id, name: users.name, email: users.email },
        decision: decisions.decision,
        notes: decisions.notes,
        createdAt: decisions.createdAt,
        updatedAt: decisions.updatedAt,
      })
      .from(decisions)
      .innerJoin(users, eq(users.id, decisions.reviewerId))
      .where(inArray(decisions.interviewId, ids))
      .orderBy(desc(decisions.updatedAt), asc(decisions.id)),
  );
}
export type DecisionRow = Awaited<ReturnType<typeof listDecisions>>[number];

/** A grade of the organisation with where it sits and its rubric; null for another org's id. */
export async function findGradeInOrg(db: Db, params: { orgId: string; gradeId: string }) {
  const [row] = await db
    .select({
      grade: grades,
      interviewId: interviews.id,
      itemId: interviewItems.id,
      definition: rubricVersions.definition,
    })
    .from(grades)
    .innerJoin(answers, eq(answers.id, grades.answerId))
    .innerJoin(interviewItems, eq(interviewItems.id, answers.itemId))
    .innerJoin(interviews, eq(interviews.id, interviewItems.interviewId))
    .innerJoin(rubricVersions, eq(rubricVersions.id, grades.rubricVersionId))
    .where(and(eq(grades.id, params.gradeId), eq(interviews.orgId, params.orgId)));
  return row ?? null;
}

/** Appends an override; the grade's AI criteria are never touched. */
export async function insertOverride(
  db: Db,
  params: { gradeId: string; criterionKey: string; aiScore: number | null; score: number; reason: string; reviewerId: string },
) {
  const [row] = await db.insert(scoreOverrides).values(params).returning();
  return row!;
}

/** One decision per (interview, reviewer): a second call replaces the first. */
export async function upsertDecision(db: Db, params: { interviewId: string; reviewerId: string; decision: DecisionKind; notes: string }) {
  const now = new Date();
  const [row] = await db
    .insert(decisions)
    .values({ ...params, createdAt: now, updatedAt: now })
    .onConflictDoUpdate({
      target: [decisions.interviewId, decisions.reviewerId],
      set: { decision: params.decision, notes: params.notes, updatedAt: now },
    })
    .returning({ id: decisions.id });
  return row!;
}

/**
 * Releases a finished (completed or expired) interview's results. The first release time is
 * kept, so repeating it changes nothing: `released` says whether this call set it. Null when the
 * interview is not finished (or not the organisation's).
 */
export async function releaseResults(db: Db, params: { orgId: string; interviewId: string }) {
  const scope = and(
    eq(interviews.id, params.interviewId),
    eq(interviews.orgId, params.orgId),
    inArray(interviews.status, ['completed', 'expired']),
  );
  const [set] = await db
    .update(interviews)
    .set({ resultsReleasedAt: sql`now()` })
    .where(and(scope, isNull(interviews.resultsReleasedAt)))
    .returning({ resultsReleasedAt: interviews.resultsReleasedAt });
  if (set?.resultsReleasedAt) return { resultsReleasedAt: set.resultsReleasedAt, released: true };
  const [kept] = await db.select({ resultsReleasedAt: interviews.resultsReleasedAt }).from(interviews).where(scope);
  return kept?.resultsReleasedAt ? { resultsReleasedAt: kept.resultsReleasedAt, released: false } : null;
}

/** A template the organisation may use (its own or built-in) with its questions in order. */
export async function findTemplateWithQuestions(db: Db, params: { orgId: string; templateId: string }) {
  const [template] = await db
    .select({ id: interviewTemplates.id, name: interviewTemplates.name })
    .from(interviewTemplates)
    .where(
      and(eq(interviewTemplates.id, params.templateId), or(eq(interviewTemplates.orgId, params.orgId), isNull(interviewTemplates.orgId))),
    );
  if (!template) return null;
  const rows = await db
    .select({ position: templateQuestions.position, questionId: templateQuestions.questionId, title: questions.title })
    .from(templateQuestions)
    .innerJoin(questions, eq(questions.id, templateQuestions.questionId))
    .where(eq(templateQuestions.templateId, template.id))
    .orderBy(asc(templateQuestions.position));
  return { ...template, questions: rows };
}

/** A rubric the organisation may see (its own or built-in); null for another org's id. */
export async function findRubricForOrg(db: Db, params: { orgId: string; rubricId: string }) {
  const [row] = await db
    .select({ id: rubrics.id })
    .from(rubrics)
    .where(and(eq(rubrics.id, params.rubricId), or(eq(rubrics.orgId, params.orgId), isNull(rubrics.orgId))));
  return row ?? null;
}

const overrideOnGrade = sql`exists (select 1 from ${scoreOverrides} where ${scoreOverrides.gradeId} = ${grades.id})`;
const overrideInInterview = sql`exists (select 1 from ${scoreOverrides} o join app.grades g2 on g2.id = o.grade_id
  join app.answers a2 on a2.id = g2.answer_id join app.interview_items i2 on i2.id = a2.item_id
  where i2.interview_id = ${interviews.id})`;
const decisionOnInterview = sql`exists (select 1 from ${decisions} where ${decisions.interviewId} = ${interviews.id})`;

/**
 * Grades a reviewer has looked at, for AI-vs-human agreement: in the organisation's interviews
 * that carry a decision or an override, every main item's pinned grade (what the transcript
 * shows) plus any other grade that was itself overridden. Grouped by rubric through the version.
 */
export async function listReviewedGrades(db: Db, params: { orgId: string; rubricId?: string }) {
  const itemQuestion = alias(questions, 'item_question');
  return db
    .select({
      gradeId: grades.id,
      criteria: grades.criteria,
      rubricId: rubrics.id,
      rubricName: rubrics.name,
      rubricOrgId: rubrics.orgId,
      questionId: itemQuestion.id,
      questionTitle: itemQuestion.title,
    })
    .from(grades)
    .innerJoin(answers, eq(answers.id, grades.answerId))
    .innerJoin(interviewItems, eq(interviewItems.id, answers.itemId))
    .innerJoin(interviews, eq(interviews.id, interviewItems.interviewId))
    .innerJoin(rubricVersions, eq(rubricVersions.id, grades.rubricVersionId))
    .innerJoin(rubrics, eq(rubrics.id, rubricVersions.rubricId))
    .innerJoin(itemQuestion, eq(itemQuestion.id, rubrics.questionId))
    .where(
      and(
        eq(interviews.orgId, params.orgId),
        params.rubricId ? eq(rubrics.id, params.rubricId) : undefined,
        inArray(grades.status, ['done', 'needs_human_review']),
        or(decisionOnInterview, overrideInInterview),
        or(and(eq(interviewItems.kind, 'question'), eq(grades.rubricVersionId, interviewItems.rubricVersionId)), overrideOnGrade),
      ),
    )
    .orderBy(asc(rubrics.id), asc(grades.id));
}
