import type { InterviewItem, InterviewState } from '@interview/contracts/api';
import type { TestClient } from './client';
import type { TestApi } from './harness';

export async function builtInTemplateId(api: TestApi, slug: string) {
  const [row] = await api.sql<{ id: string }>('select id from app.interview_templates where slug = $1 and org_id is null', [slug]);
  if (!row) throw new Error(`no built-in template ${slug}`);
  return row.id;
}

/**
 * An organisation's template with very short limits, for deadline tests. Written straight to
 * the database: the template API validates realistic limits (a minute or more).
 */
export async function createShortTemplate(
  api: TestApi,
  opts: {
    orgId: string;
    limitsSec: number[];
    totalSec: number;
    followups?: number;
    answerModes?: ('typed' | 'spoken')[];
    mode?: 'practice' | 'assessment';
  },
) {
  const [t] = await api.sql<{ id: string }>(
    `insert into app.interview_templates (org_id, slug, name, mode, answer_modes, followups_per_question, total_time_limit_sec)
     values ($1, $2, 'Short test', $3, $4::jsonb, $5, $6) returning id`,
    [
      opts.orgId,
      `short-${crypto.randomUUID().slice(0, 8)}`,
      opts.mode ?? 'practice',
      JSON.stringify(opts.answerModes ?? ['typed', 'spoken']),
      opts.followups ?? 0,
      opts.totalSec,
    ],
  );
  const questions = await api.sql<{ id: string }>('select id from app.questions order by slug limit $1', [opts.limitsSec.length]);
  for (const [i, q] of questions.entries()) {
    await api.sql('insert into app.template_questions (template_id, position, question_id, time_limit_sec) values ($1, $2, $3, $4)', [
      t!.id,
      i,
      q.id,
      opts.limitsSec[i],
    ]);
  }
  return t!.id;
}

export async function startPractice(client: TestClient, templateId: string) {
  const created = await client.ok<InterviewState>(client.post('/api/interviews/practice', { templateId }), 201);
  return client.ok<InterviewState>(client.post(`/api/interviews/${created.id}/start`));
}

export function current(state: InterviewState): InterviewItem {
  const item = state.items.find((i) => i.id === state.currentItemId);
  if (!item) throw new Error(`no current item (status ${state.status})`);
  return item;
}

export async function referenceAnswer(api: TestApi, itemId: string) {
  const [row] = await api.sql<{ reference_answer: string }>(
    'select q.reference_answer from app.interview_items i join app.questions q on q.id = i.question_id where i.id = $1',
    [itemId],
  );
  return row!.reference_answer;
}
