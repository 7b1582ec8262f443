/** Interview fixtures for the benchmarks and fault scripts, made through the real API where it matters. */
import type { FastifyInstance } from 'fastify';
import { invite, signUp, type TestClient } from '../../apps/api/test/support/client';
// Type-only, by path: @interview/contracts is not a dependency of the root package.
import type { InterviewState } from '../../packages/contracts/src/api/index';
import { pool } from './common';

/** A plain, honest answer (no instruction-like text); `i` keeps answers distinct. */
export const answerText = (i: number) =>
  `Terminating means the API server set metadata.deletionTimestamp on the pod and the kubelet has not confirmed the delete. ` +
  `Usually a finalizer is stuck because its controller is gone, so I would inspect the pod YAML and fix the controller (answer ${i}).`;

export interface Candidate {
  owner: TestClient;
  candidate: TestClient;
  orgId: string;
}

/** An organisation (owner) and one signed-in candidate, through sign-up and the invitation flow. */
export async function createCandidate(server: FastifyInstance): Promise<Candidate> {
  const owner = await signUp(server, { organisationName: 'Bench Org' });
  const candidate = await invite(server, owner, 'candidate', 'Bench Candidate');
  return { owner, candidate, orgId: owner.orgId };
}

type Sql = <T = Record<string, unknown>>(text: string, params?: unknown[]) => Promise<T[]>;

/**
 * A practice template of `questions` bank questions with long limits and no follow-ups, so every
 * submit moves straight to the next question. Written with SQL: the template API is not what is
 * measured, and it caps the number of questions a real template may have.
 */
export async function createLongTemplate(sql: Sql, orgId: string, questions: number, opts: { limitSec?: number } = {}) {
  const limitSec = opts.limitSec ?? 3_600;
  const [t] = await sql<{ id: string }>(
    `insert into app.interview_templates (org_id, slug, name, mode, answer_modes, followups_per_question, total_time_limit_sec)
     values ($1, $2, 'Bench', 'practice', '["typed"]'::jsonb, 0, $3) returning id`,
    [orgId, `bench-${crypto.randomUUID().slice(0, 8)}`, limitSec * questions],
  );
  const rows = await sql<{ id: string }>(
    `select q.id from app.questions q
      where exists (select 1 from app.rubrics r join app.rubric_versions v on v.rubric_id = r.id
                     where r.question_id = q.id and v.status = 'published')
      order by q.slug limit $1`,
    [questions],
  );
  if (rows.length < questions) throw new Error(`only ${rows.length} bank questions have a published rubric`);
  await sql(
    `insert into app.template_questions (template_id, position, question_id, time_limit_sec)
     select $1, (n - 1)::smallint, id, $3 from unnest($2::uuid[]) with ordinality as t(id, n)`,
    [t!.id, rows.map((r) => r.id), limitSec],
  );
  return t!.id;
}

/** One started practice interview, with the item currently open. */
export interface OpenInterview {
  id: string;
  currentItemId: string | null;
}

/** Creates and starts `count` practice interviews through the API (POST /practice, then /start). */
export async function startInterviews(client: TestClient, templateId: string, count: number, parallel = 8): Promise<OpenInterview[]> {
  return pool(Array.from({ length: count }), parallel, async () => {
    const created = await client.ok<InterviewState>(client.post('/api/interviews/practice', { templateId }), 201);
    const started = await client.ok<InterviewState>(client.post(`/api/interviews/${created.id}/start`));
    return { id: started.id, currentItemId: started.currentItemId };
  });
}

export interface Submitted {
  answerId: string;
  itemId: string;
  /** Date.now() just before the request was made. */
  at: number;
  /** How long the submit request took, ms. */
  ms: number;
}

/**
 * Submits the open item of `iv` through POST /api/interviews/:id/items/:itemId/submit and moves
 * `iv` to its next item. Throws on anything but 200.
 */
export async function submitCurrent(client: TestClient, iv: OpenInterview, text: string): Promise<Submitted> {
  const itemId = iv.currentItemId;
  if (!itemId) throw new Error(`interview ${iv.id} has no open item`);
  const at = Date.now();
  const started = performance.now();
  const res = await client.post(`/api/interviews/${iv.id}/items/${itemId}/submit`, { text });
  const ms = performance.now() - started;
  if (res.statusCode !== 200) throw new Error(`submit answered ${res.statusCode}: ${res.body.slice(0, 300)}`);
  const { state } = res.json() as { state: InterviewState };
  const answerId = state.items.find((i) => i.id === itemId)?.answer?.id;
  if (!answerId) throw new Error('submitted item has no answer');
  iv.currentItemId = state.currentItemId;
  return { answerId, itemId, at, ms };
}
