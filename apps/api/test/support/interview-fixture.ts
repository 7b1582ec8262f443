import { gradeJobId } from '@interview/contracts/jobs';
import { latestPublishedRubricVersion } from '@interview/db/queries/bank';
import { answers, grades, interviewItems, interviews, interviewTemplates, questions, templateQuestions } from '@interview/db/schema';
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { type TestApi, waitFor } from './harness';

/** One question's answer: its text, optionally with a follow-up; null leaves the question unanswered. */
export type FixtureAnswer = string | { text: string; followup?: { prompt: string; text: string } } | null;

export interface InterviewFixtureOptions {
  orgId: string;
  candidateId: string;
  /** A built-in template's slug (default 'warm-up', three practice questions). */
  templateSlug?: string;
  /** One entry per template question, in order; questions beyond the list get no item. */
  answers: FixtureAnswer[];
  mode?: 'practice' | 'assessment';
  status?: 'completed' | 'expired' | 'in_progress' | 'scheduled' | 'cancelled';
  /** Enqueue real grade jobs and wait for the worker (default true). */
  grade?: boolean;
}

export interface FixtureItem {
  itemId: string;
  questionId: string;
  title: string;
  rubricVersionId: string;
  answerId: string | null;
  followupItemId: string | null;
  gradeId: string | null;
}

export interface InterviewFixture {
  interviewId: string;
  templateId: string;
  items: FixtureItem[];
}

/**
 * An interview as the lifecycle API would leave it: items pinned to the org's latest published
 * rubric versions, typed answers submitted, then graded by the real worker through the queue.
 */
export async function createInterview(api: TestApi, opts: InterviewFixtureOptions): Promise<InterviewFixture> {
  const db = api.running.database.db;
  const [template] = await db
    .select()
    .from(interviewTemplates)
    .where(and(isNull(interviewTemplates.orgId), eq(interviewTemplates.slug, opts.templateSlug ?? 'warm-up')));
  if (!template) throw new Error(`no built-in template ${opts.templateSlug}`);
  const tqs = await db
    .select({ questionId: templateQuestions.questionId, title: questions.title, timeLimitSec: questions.timeLimitSec })
    .from(templateQuestions)
    .innerJoin(questions, eq(questions.id, templateQuestions.questionId))
    .where(eq(templateQuestions.templateId, template.id))
    .orderBy(asc(templateQuestions.position));

  const status = opts.status ?? 'completed';
  const started = status !== 'scheduled';
  // A finished interview ran earlier; a running one started a minute ago, so its deadline is still ahead
  // (the deadline sweeper would otherwise end it).
  const finished = status === 'completed' || status === 'expired';
  const start = new Date(Date.now() - (finished ? 30 * 60_000 : 60_000));
  const [interview] = await db
    .insert(interviews)
    .values({
      orgId: opts.orgId,
      templateId: template.id,
      candidateId: opts.candidateId,
      mode: opts.mode ?? template.mode,
      status,
      startedAt: started ? start : null,
      deadlineAt: started ? new Date(start.getTime() + template.totalTimeLimitSec * 1000) : null,
      finishedAt: finished ? new Date() : null,
    })
    .returning();

  const items: FixtureItem[] = [];
  let position = 0;
  for (const [index, answer] of opts.answers.entries()) {
    const q = tqs[index];
    if (!q) throw new Error(`template ${template.slug} has no question ${index + 1}`);
    const rubric = await latestPublishedRubricVersion(db, { questionId: q.questionId, orgId: opts.orgId });
    if (!rubric) throw new Error(`no published rubric for ${q.title}`);
    const base = { interviewId: interview!.id, questionId: q.questionId, rubricVersionId: rubric.id, timeLimitSec: q.timeLimitSec };
    const answered = answer !== null;
    const at = new Date(start.getTime() + index * (finished ? 60_000 : 1_000));
    const [item] = await db
      .insert(interviewItems)
      .values({
        ...base,
        position: position++,
        status: answered ? 'submitted' : 'pending',
        presentedAt: answered ? at : null,
        deadlineAt: answered ? new Date(at.getTime() + q.timeLimitSec * 1000) : null,
        submittedAt: answered ? at : null,
      })
      .returning();
    const entry: FixtureItem = {
      itemId: item!.id,
      questionId: q.questionId,
      title: q.title,
      rubricVersionId: rubric.id,
      answerId: null,
      followupItemId: null,
      gradeId: null,
    };
    items.push(entry);
    if (answer === null) continue;
    const { text, followup } = typeof answer === 'string' ? { text: answer, followup: undefined } : answer;
    entry.answerId = await submit(api, item!.id, text, at);
    if (followup) {
      const [f] = await db
        .insert(interviewItems)
        .values({
          ...base,
          position: position++,
          kind: 'followup',
          parentItemId: item!.id,
          followupPrompt: followup.prompt,
          status: 'submitted',
          presentedAt: at,
          deadlineAt: new Date(at.getTime() + q.timeLimitSec * 1000),
          submittedAt: at,
        })
        .returning();
      entry.followupItemId = f!.id;
      await submit(api, f!.id, followup.text, at);
    }
  }

  if (opts.grade ?? true) await gradeAll(api, items);
  return { interviewId: interview!.id, templateId: template.id, items };
}

async function submit(api: TestApi, itemId: string, text: string, at: Date) {
  const [row] = await api.running.database.db
    .insert(answers)
    .values({ itemId, mode: 'typed', draft: text, text, status: 'submitted', submittedAt: at })
    .returning({ id: answers.id });
  return row!.id;
}

/** Enqueues a grade job per main answer (follow-ups are graded with their question) and waits for them. */
async function gradeAll(api: TestApi, items: FixtureItem[]) {
  const answered = items.filter((i): i is FixtureItem & { answerId: string } => i.answerId !== null);
  for (const i of answered) {
    await api.running.queues.add(
      'grade-answer',
      { answerId: i.answerId, rubricVersionId: i.rubricVersionId, reason: 'submit' },
      { jobId: gradeJobId(i.answerId, i.rubricVersionId) },
    );
  }
  if (answered.length === 0) return;
  const rows = await waitFor(async () => {
    const found = await api.running.database.db
      .select({ id: grades.id, answerId: grades.answerId, status: grades.status })
      .from(grades)
      .where(
        inArray(
          grades.answerId,
          answered.map((i) => i.answerId),
        ),
      );
    const finished = found.filter((g) => g.status === 'done' || g.status === 'needs_human_review');
    return finished.length === answered.length && finished;
  }, 60_000);
  for (const i of answered) i.gradeId = rows.find((g) => g.answerId === i.answerId)?.id ?? null;
}
