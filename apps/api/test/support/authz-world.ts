import type { InterviewResults, InterviewState, QuestionDetail } from '@interview/contracts/api';
import type { RubricDefinition } from '@interview/contracts/rubric';
import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { multipart, wavTone } from './audio';
import { createOrg, type Org, PASSWORD, TestClient } from './client';
import { type TestApi, waitFor } from './harness';
import { builtInTemplateId, current, referenceAnswer, startPractice } from './interviews';

/**
 * Two organisations for the authorization matrix: A ("Aardvark Holdings") owns one of every
 * resource, made through the real API; B ("Borealis Labs") has its own members and a little data
 * of its own, so its lists are not trivially empty. Every piece of A's text (org name, member
 * names and emails, template, rubric and question names, notes, drafts) contains "aardvark", so
 * a single marker finds any of it in a response.
 */
export const MARKER = 'aardvark';

type Rubric = { id: string; draft: { id: string } | null; latestPublished: { id: string } | null };
type VersionDetail = { id: string; definition: RubricDefinition };
type Results = z.infer<typeof InterviewResults>;

export interface OrgA {
  orgId: string;
  name: string;
  owner: TestClient;
  admin: TestClient;
  reviewer: TestClient;
  candidate: TestClient;
  /** A second candidate of A: must not see the first one's interviews. */
  candidate2: TestClient;
  practiceTemplateId: string;
  assessmentTemplateId: string;
  /** Started by `candidate`: question 1 answered and graded, question 2 open with a saved draft, question 3 pending. */
  practice: { id: string; answeredItemId: string; openItemId: string; gradeId: string; criterionKey: string };
  /** Created by the reviewer for `candidate`, answered and completed; results not released; has a decision. */
  assessment: { id: string; itemIds: string[]; gradeId: string };
  /** candidate2's own (completed) practice interview. */
  candidate2InterviewId: string;
  /** A fork of a built-in rubric with a published version 1 and a draft version 2. */
  rubric: { id: string; publishedVersionId: string; draftVersionId: string; draftDefinition: RubricDefinition };
  /** A question only A's bank has (imported), with A's own rubric for it. */
  question: { id: string; slug: string; title: string };
  calibrationId: string;
  /** Still open. */
  invitation: { id: string; token: string; email: string };
  /** Already used (candidate2 joined with it). */
  usedInvitationToken: string;
  overrideId: string;
  decisionId: string;
}

export interface OrgB extends Org {
  orgId: string;
  /** B's candidate's completed practice interview. */
  interviewId: string;
  /** B's own fork of the same built-in rubric A forked: published version 1, draft version 2. */
  rubric: { id: string; publishedVersionId: string; draftVersionId: string };
}

export interface World {
  a: OrgA;
  b: OrgB;
  warmUpTemplateId: string;
  /** Built-in questions both organisations can see (warm-up's). */
  builtInQuestionIds: string[];
  builtInDefinition: RubricDefinition;
}

let counter = 0;
const email = (tag: string) => `${MARKER}-${tag}-${Date.now().toString(36)}-${counter++}@example.test`;

async function signUpA(server: FastifyInstance, name: string) {
  const client = new TestClient(server);
  await client.ok(
    client.post('/api/auth/sign-up', { email: email('owner'), password: PASSWORD, name: 'Aardvark Owner', organisationName: name }),
    201,
  );
  return client;
}

/** The real invitation flow; returns the new member signed in, and the (now used) token. */
async function inviteA(server: FastifyInstance, by: TestClient, role: 'admin' | 'reviewer' | 'candidate', name: string) {
  const created = await by.ok<{ token: string }>(by.post('/api/org/invitations', { email: email(role), role }), 201);
  const client = new TestClient(server);
  await client.ok(client.post(`/api/invitations/${created.token}/accept`, { name, password: PASSWORD }));
  return { client, token: created.token };
}

/** The rubric with a heavier first criterion and a reworded top level: a real edit. */
export function edited(def: RubricDefinition, tag: string): RubricDefinition {
  const copy = structuredClone(def);
  const c = copy.criteria[0]!;
  c.weight += 1;
  c.levels[4] = `Everything level three has, plus a clear account of the trade-offs (${tag}).`;
  return copy;
}

/** Fork → publish version 1 → save an edited draft as version 2. */
async function forkPublishAndDraft(admin: TestClient, builtInRubricId: string, name: string | undefined, tag: string) {
  const forked = await admin.ok<Rubric>(admin.post(`/api/rubrics/${builtInRubricId}/fork`, name ? { name } : {}), 201);
  const published = await admin.ok<VersionDetail>(admin.post(`/api/rubrics/${forked.id}/publish`));
  const draftDefinition = edited(published.definition, tag);
  const draft = await admin.ok<VersionDetail>(admin.put(`/api/rubrics/${forked.id}/draft`, { definition: draftDefinition }));
  return { id: forked.id, publishedVersionId: published.id, draftVersionId: draft.id, draftDefinition };
}

/** Waits until every closed main item's answer has a finished grade under its pinned version. */
export async function settleGrades(api: TestApi) {
  await waitFor(async () => {
    const [row] = await api.sql<{ n: number }>(
      `select count(*)::int as n from app.interview_items i join app.answers a on a.item_id = i.id
       where i.kind = 'question' and i.status in ('submitted', 'expired')
       and not exists (select 1 from app.grades g where g.answer_id = a.id and g.rubric_version_id = i.rubric_version_id
                       and g.status in ('done', 'needs_human_review', 'failed'))`,
    );
    return row!.n === 0;
  }, 60_000);
}

async function gradeOf(reviewer: TestClient, interviewId: string, itemId: string) {
  const results = await reviewer.ok<Results>(reviewer.get(`/api/interviews/${interviewId}/results`));
  const grade = results.questions.find((q) => q.itemId === itemId)?.grade;
  if (!grade) throw new Error(`no grade for item ${itemId}`);
  return grade;
}

export async function buildWorld(api: TestApi): Promise<World> {
  const { server } = api;
  const warmUpTemplateId = await builtInTemplateId(api, 'warm-up');
  const builtInQuestionIds = (
    await api.sql<{ question_id: string }>('select question_id from app.template_questions where template_id = $1 order by position', [
      warmUpTemplateId,
    ])
  ).map((r) => r.question_id);
  const [q1, q2, q3] = builtInQuestionIds as [string, string, string];

  // ---- Organisation A: members
  const name = 'Aardvark Holdings';
  const owner = await signUpA(server, name);
  const admin = (await inviteA(server, owner, 'admin', 'Aardvark Admin')).client;
  const reviewer = (await inviteA(server, owner, 'reviewer', 'Aardvark Reviewer')).client;
  const candidate = (await inviteA(server, reviewer, 'candidate', 'Aardvark Candidate')).client;
  const second = await inviteA(server, reviewer, 'candidate', 'Aardvark Second Candidate');
  const candidate2 = second.client;

  // ---- A's rubric: a fork of Q1's built-in rubric, published before any interview so A's items pin it.
  const builtInRubric = (await reviewer.ok<{ items: Rubric[] }>(reviewer.get(`/api/rubrics?questionId=${q1}`))).items[0]!;
  const builtInVersion = await reviewer.ok<VersionDetail>(
    reviewer.get(`/api/rubrics/${builtInRubric.id}/versions/${builtInRubric.latestPublished!.id}`),
  );
  const rubric = await forkPublishAndDraft(admin, builtInRubric.id, 'Aardvark strict rubric', 'aardvark draft');
  const calibration = await admin.ok<{ id: string }>(
    admin.post(`/api/rubrics/${rubric.id}/calibration`, {
      answer: 'An aardvark calibration answer that covers some of the key points.',
      expectedScores: { [rubric.draftDefinition.criteria[0]!.key]: 3 },
      note: 'aardvark calibration note',
    }),
    201,
  );

  // ---- A's own question, imported into A's bank (copied from Q2, under A's slug and title).
  const source = await reviewer.ok<QuestionDetail>(reviewer.get(`/api/questions/${q2}`));
  const slug = `${MARKER}-only-question`;
  const title = 'Aardvark private question on service discovery';
  const doc = {
    id: slug,
    category: source.category,
    title,
    prompt: source.prompt,
    difficulty: source.difficulty,
    tags: source.tags,
    timeLimitSec: source.timeLimitSec,
    referenceAnswer: source.referenceAnswer,
    rubric: source.rubric!.definition,
  };
  await admin.ok(admin.post('/api/rubrics/import', { yaml: JSON.stringify(doc) }));
  const page = await reviewer.ok<{ items: { id: string; builtIn: boolean }[] }>(
    reviewer.get(`/api/questions?search=${encodeURIComponent(slug)}`),
  );
  const question = { id: page.items.find((q) => !q.builtIn)!.id, slug, title };

  // ---- A's templates: long limits, so no deadline fires while the matrix runs.
  const template = (over: Record<string, unknown>) => ({
    description: 'An aardvark-only template for the authorization matrix.',
    answerModes: ['typed', 'spoken'],
    followupsPerQuestion: 0,
    totalTimeLimitSec: 8 * 3600,
    ...over,
  });
  const practiceTemplateId = (
    await admin.ok<{ id: string }>(
      admin.post(
        '/api/templates',
        template({
          slug: `${MARKER}-practice`,
          name: 'Aardvark practice screen',
          mode: 'practice',
          questions: [q1, question.id, q3].map((questionId) => ({ questionId, timeLimitSec: 3600 })),
        }),
      ),
      201,
    )
  ).id;
  const assessmentTemplateId = (
    await admin.ok<{ id: string }>(
      admin.post(
        '/api/templates',
        template({
          slug: `${MARKER}-assessment`,
          name: 'Aardvark assessment',
          mode: 'assessment',
          answerModes: ['typed'],
          questions: [q1, question.id].map((questionId) => ({ questionId, timeLimitSec: 3600 })),
        }),
      ),
      201,
    )
  ).id;

  // ---- The practice interview: Q1 answered, the imported question open with a draft, Q3 pending.
  let state = await startPractice(candidate, practiceTemplateId);
  const answeredItemId = current(state).id;
  state = (
    await candidate.ok<{ state: InterviewState }>(
      candidate.post(`/api/interviews/${state.id}/items/${answeredItemId}/submit`, { text: await referenceAnswer(api, answeredItemId) }),
    )
  ).state;
  const openItemId = current(state).id;
  await candidate.ok(
    candidate.put(`/api/interviews/${state.id}/items/${openItemId}/draft`, { text: 'aardvark draft in progress', revision: 5 }),
  );
  const practiceId = state.id;

  // ---- The assessment: created by the reviewer for the candidate, answered and finished.
  const created = await reviewer.ok<InterviewState>(
    reviewer.post('/api/interviews', { templateId: assessmentTemplateId, candidateId: candidate.userId }),
    201,
  );
  let assessment = await candidate.ok<InterviewState>(candidate.post(`/api/interviews/${created.id}/start`));
  const firstItem = current(assessment).id;
  assessment = (
    await candidate.ok<{ state: InterviewState }>(
      candidate.post(`/api/interviews/${created.id}/items/${firstItem}/submit`, { text: await referenceAnswer(api, firstItem) }),
    )
  ).state;
  assessment = await candidate.ok<InterviewState>(candidate.post(`/api/interviews/${created.id}/finish`));
  if (assessment.status !== 'completed') throw new Error(`assessment is ${assessment.status}`);

  // ---- candidate2's own interview, finished at once.
  const own = await startPractice(candidate2, practiceTemplateId);
  await candidate2.ok(candidate2.post(`/api/interviews/${own.id}/finish`));

  // ---- Organisation B: members, a finished practice interview and its own fork of the same rubric.
  const b = await createOrg(server, 'Borealis Labs');
  const bInterview = await startPractice(b.candidate, warmUpTemplateId);
  await b.candidate.ok(b.candidate.post(`/api/interviews/${bInterview.id}/finish`));
  const bRubric = await forkPublishAndDraft(b.admin, builtInRubric.id, undefined, 'borealis draft');

  await settleGrades(api);

  // ---- Grades, an override and a decision in A.
  const practiceGrade = await gradeOf(reviewer, practiceId, answeredItemId);
  const assessmentGrade = await gradeOf(reviewer, created.id, firstItem);
  const criterionKey = practiceGrade.criteria.find((c) => c.score !== null)?.key ?? practiceGrade.criteria[0]!.key;
  const override = await reviewer.ok<{ override: { id: string } }>(
    reviewer.post(`/api/review/grades/${practiceGrade.id}/overrides`, { criterionKey, score: 2, reason: 'aardvark override reason' }),
    201,
  );
  const decision = await reviewer.ok<{ id: string }>(
    reviewer.put(`/api/review/interviews/${created.id}/decision`, { decision: 'yes', notes: 'aardvark decision notes' }),
  );

  // ---- An open invitation, last, so nobody accepts it by accident.
  const inviteEmail = email('invitee');
  const invitation = await admin.ok<{ id: string; token: string }>(
    admin.post('/api/org/invitations', { email: inviteEmail, role: 'reviewer' }),
    201,
  );

  return {
    warmUpTemplateId,
    builtInQuestionIds,
    builtInDefinition: builtInVersion.definition,
    a: {
      orgId: owner.orgId,
      name,
      owner,
      admin,
      reviewer,
      candidate,
      candidate2,
      practiceTemplateId,
      assessmentTemplateId,
      practice: { id: practiceId, answeredItemId, openItemId, gradeId: practiceGrade.id, criterionKey },
      assessment: { id: created.id, itemIds: assessment.items.map((i) => i.id), gradeId: assessmentGrade.id },
      candidate2InterviewId: own.id,
      rubric,
      question,
      calibrationId: calibration.id,
      invitation: { id: invitation.id, token: invitation.token, email: inviteEmail },
      usedInvitationToken: second.token,
      overrideId: override.override.id,
      decisionId: decision.id,
    },
    b: { ...b, orgId: b.owner.orgId, interviewId: bInterview.id, rubric: bRubric },
  };
}

// ---- What is stored: a per-row fingerprint of every table an org's data lives in.

const KEYED: [table: string, key: string][] = [
  ['organisations', 'id'],
  ['users', 'id'],
  ['memberships', "org_id::text || '/' || user_id::text"],
  ['invitations', 'id'],
  ['interviews', 'id'],
  ['interview_items', 'id'],
  ['answers', 'id'],
  ['grades', 'id'],
  ['score_overrides', 'id'],
  ['decisions', 'id'],
  ['interview_templates', 'id'],
  ['template_questions', 'id'],
  ['question_banks', 'id'],
  ['questions', 'id'],
  ['rubrics', 'id'],
  ['rubric_versions', 'id'],
  ['calibration_answers', 'id'],
  ['audit_log', 'id'],
];
const SNAPSHOT_SQL = KEYED.map(([t, k]) => `select '${t}' as t, (${k})::text as k, md5(x::text) as h from app.${t} x`).join(' union all ');

export type Snapshot = Map<string, string>;

export async function snapshot(api: TestApi): Promise<Snapshot> {
  const rows = await api.sql<{ t: string; k: string; h: string }>(SNAPSHOT_SQL);
  return new Map(rows.map((r) => [`${r.t}:${r.k}`, r.h]));
}

/** Rows added, removed or changed between two snapshots (at most 20 listed). */
export function changes(before: Snapshot, after: Snapshot): string[] {
  const out: string[] = [];
  for (const [k, h] of after)
    if (!before.has(k)) out.push(`added ${k}`);
    else if (before.get(k) !== h) out.push(`changed ${k}`);
  for (const k of before.keys()) if (!after.has(k)) out.push(`removed ${k}`);
  return out.slice(0, 20);
}

// ---- What A owns: every id of A's rows, read from the database so nothing is forgotten.

export async function idsOwnedBy(api: TestApi, orgId: string): Promise<string[]> {
  const rows = await api.sql<{ id: string }>(
    `select id::text from app.organisations where id = $1
     union select user_id::text from app.memberships where org_id = $1
     union select id::text from app.invitations where org_id = $1
     union select id::text from app.interviews where org_id = $1
     union select i.id::text from app.interview_items i join app.interviews v on v.id = i.interview_id where v.org_id = $1
     union select a.id::text from app.answers a join app.interview_items i on i.id = a.item_id
       join app.interviews v on v.id = i.interview_id where v.org_id = $1
     union select g.id::text from app.grades g join app.answers a on a.id = g.answer_id join app.interview_items i on i.id = a.item_id
       join app.interviews v on v.id = i.interview_id where v.org_id = $1
     union select o.id::text from app.score_overrides o join app.grades g on g.id = o.grade_id join app.answers a on a.id = g.answer_id
       join app.interview_items i on i.id = a.item_id join app.interviews v on v.id = i.interview_id where v.org_id = $1
     union select d.id::text from app.decisions d join app.interviews v on v.id = d.interview_id where v.org_id = $1
     union select id::text from app.interview_templates where org_id = $1
     union select id::text from app.question_banks where org_id = $1
     union select q.id::text from app.questions q join app.question_banks b on b.id = q.bank_id where b.org_id = $1
     union select id::text from app.rubrics where org_id = $1
     union select v.id::text from app.rubric_versions v join app.rubrics r on r.id = v.rubric_id where r.org_id = $1
     union select c.id::text from app.calibration_answers c join app.rubrics r on r.id = c.rubric_id where r.org_id = $1`,
    [orgId],
  );
  return rows.map((r) => r.id.toLowerCase());
}

/**
 * Finds A's data in a response: any of A's ids or invitation tokens, and any "aardvark…" word.
 * Whatever the request itself carried (an id in the URL, a slug in the body) may be echoed back.
 */
export function leakFinder(ids: string[], tokens: string[]) {
  return (response: string, request: string): string[] => {
    const text = response.toLowerCase();
    const asked = request.toLowerCase();
    const found = new Set<string>();
    for (const id of ids) if (text.includes(id) && !asked.includes(id)) found.add(`id ${id}`);
    for (const t of tokens) if (response.includes(t) && !request.includes(t)) found.add(`invitation token ${t.slice(0, 8)}…`);
    for (const [word] of text.matchAll(/aardvark[a-z0-9._@+-]*/g)) if (!asked.includes(word)) found.add(`"${word}"`);
    return [...found];
  };
}

/** A spoken answer as the browser sends it: a one-second WAV tone plus captions. */
export function audioUpload(captions: string) {
  return multipart({ captions }, { field: 'audio', name: 'a.wav', type: 'audio/wav', data: wavTone(1) });
}
