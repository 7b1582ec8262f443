import type { InterviewState } from '@interview/contracts/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrg, type Org, signUp } from './support/client';
import { apiProfiles, bootApi, type TestApi, waitFor } from './support/harness';
import { builtInTemplateId, current, referenceAnswer, startPractice } from './support/interviews';

describe.each(apiProfiles)('interview lifecycle (%s)', (profile) => {
  let api: TestApi;
  let org: Org;
  let warmUp: string;
  beforeAll(async () => {
    api = await bootApi(profile);
    org = await createOrg(api.server);
    warmUp = await builtInTemplateId(api, 'warm-up');
  });
  afterAll(async () => api?.close());

  it('reveals each question only when it starts, with a server deadline of presented + limit + grace', async () => {
    const created = await org.candidate.ok<InterviewState>(org.candidate.post('/api/interviews/practice', { templateId: warmUp }), 201);
    expect(created.status).toBe('scheduled');
    expect(created.items).toHaveLength(3);
    expect(created.items.every((i) => i.question === null)).toBe(true);

    const started = await org.candidate.ok<InterviewState>(org.candidate.post(`/api/interviews/${created.id}/start`));
    expect(started.status).toBe('in_progress');
    const [first, second] = started.items;
    expect(first!.question?.prompt.length).toBeGreaterThan(20);
    expect(second!.question).toBeNull();
    const limitMs = (first!.timeLimitSec + 5) * 1000;
    expect(Date.parse(first!.deadlineAt!) - Date.parse(first!.presentedAt!)).toBe(limitMs);
    // A replayed start changes nothing, including the deadline.
    const again = await org.candidate.ok<InterviewState>(org.candidate.post(`/api/interviews/${created.id}/start`));
    expect(again.items[0]!.deadlineAt).toBe(first!.deadlineAt);
    // The stored prompt never leaks through the API before its turn.
    const raw = (await org.candidate.get(`/api/interviews/${created.id}`)).body;
    const [hidden] = await api.sql<{ prompt: string }>(
      'select q.prompt from app.interview_items i join app.questions q on q.id = i.question_id where i.id = $1',
      [second!.id],
    );
    expect(raw).not.toContain(hidden!.prompt.slice(0, 40));
  });

  it('autosaves drafts by revision, asks a follow-up after a thin answer, grades each question once with its follow-up', async () => {
    let state = await startPractice(org.candidate, warmUp);
    const id = state.id;
    const first = current(state);
    const draftUrl = `/api/interviews/${id}/items/${first.id}/draft`;
    expect((await org.candidate.put(draftUrl, { text: 'first thoughts', revision: 1 })).statusCode).toBe(200);
    expect((await org.candidate.put(draftUrl, { text: 'first thoughts', revision: 1 })).statusCode).toBe(200); // replay
    const stale = await org.candidate.put(draftUrl, { text: 'older', revision: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('stale_revision');
    expect((await org.candidate.put(draftUrl, { text: 'x', revision: 0 })).statusCode).toBe(400);
    const notYet = await org.candidate.put(`/api/interviews/${id}/items/${state.items[1]!.id}/draft`, { text: 'early', revision: 1 });
    expect(notYet.json().error.code).toBe('item_not_started');

    // A strong answer: no follow-up, straight to the next question.
    const strong = await referenceAnswer(api, first.id);
    const submitted = await org.candidate.ok<{ replayed: boolean; state: InterviewState }>(
      org.candidate.post(`/api/interviews/${id}/items/${first.id}/submit`, { text: strong }),
    );
    expect(submitted.replayed).toBe(false);
    state = submitted.state;
    expect(current(state).kind).toBe('question');
    expect(current(state).position).toBe(10);
    // Replays are idempotent; a different second answer is refused.
    const replay = await org.candidate.ok<{ replayed: boolean }>(
      org.candidate.post(`/api/interviews/${id}/items/${first.id}/submit`, { text: strong }),
    );
    expect(replay.replayed).toBe(true);
    const different = await org.candidate.post(`/api/interviews/${id}/items/${first.id}/submit`, { text: 'changed my mind' });
    expect(different.statusCode).toBe(409);
    expect(different.json().error.code).toBe('already_submitted');

    // A thin answer: the interviewer follows up on a missed key point.
    const second = current(state);
    state = (
      await org.candidate.ok<{ state: InterviewState }>(
        org.candidate.post(`/api/interviews/${id}/items/${second.id}/submit`, {
          text: 'I would look at the service and check it is fine.',
        }),
      )
    ).state;
    const followup = current(state);
    expect(followup).toMatchObject({ kind: 'followup', parentItemId: second.id, position: 11 });
    expect(followup.followupPrompt).toMatch(/\?$/);
    state = (
      await org.candidate.ok<{ state: InterviewState }>(
        org.candidate.post(`/api/interviews/${id}/items/${followup.id}/submit`, { text: 'I am not sure, I would read the docs.' }),
      )
    ).state;
    // At most followupsPerQuestion (1) follow-up per question.
    const third = current(state);
    expect(third.kind).toBe('question');
    state = (
      await org.candidate.ok<{ state: InterviewState }>(
        org.candidate.post(`/api/interviews/${id}/items/${third.id}/submit`, { text: await referenceAnswer(api, third.id) }),
      )
    ).state;
    expect(['completed', 'in_progress']).toContain(state.status);
    if (state.status === 'in_progress') {
      const extra = current(state);
      state = (
        await org.candidate.ok<{ state: InterviewState }>(
          org.candidate.post(`/api/interviews/${id}/items/${extra.id}/submit`, { text: 'no idea' }),
        )
      ).state;
    }
    expect(state.status).toBe('completed');
    expect(state.finishedAt).not.toBeNull();

    // One grade per question; the follow-up is graded inside its question's grade.
    const grades = await waitFor(async () => {
      const rows = await api.sql<{ item_id: string; status: string; total: number }>(
        `select i.id as item_id, g.status, g.total from app.grades g join app.answers a on a.id = g.answer_id
         join app.interview_items i on i.id = a.item_id where i.interview_id = $1`,
        [id],
      );
      return rows.length === 3 ? rows : null;
    });
    const byItem = new Map(grades.map((g) => [g.item_id, g]));
    expect(byItem.has(followup.id)).toBe(false);
    expect(byItem.get(first.id)!.total).toBeGreaterThan(byItem.get(second.id)!.total);
    const statuses = await waitFor(async () => {
      const rows = await api.sql<{ status: string }>(
        'select a.status from app.answers a join app.interview_items i on i.id = a.item_id where i.interview_id = $1',
        [id],
      );
      return rows.every((r) => r.status === 'graded' || r.status === 'needs_human_review') ? rows : null;
    });
    expect(statuses.length).toBeGreaterThanOrEqual(4);
    // Submitting after the end is refused.
    const closed = await org.candidate.post(`/api/interviews/${id}/items/${third.id}/submit`, { text: 'late' });
    expect(closed.statusCode).toBe(409);
  });

  it('finishing early submits the open draft and closes the rest as unanswered', async () => {
    const state = await startPractice(org.candidate, warmUp);
    const first = current(state);
    await org.candidate.ok(
      org.candidate.put(`/api/interviews/${state.id}/items/${first.id}/draft`, { text: 'a partial draft', revision: 1 }),
    );
    const done = await org.candidate.ok<InterviewState>(org.candidate.post(`/api/interviews/${state.id}/finish`));
    expect(done.status).toBe('completed');
    expect(done.items[0]!.answer).toMatchObject({ text: 'a partial draft' });
    expect(done.items.slice(1).every((i) => i.status === 'expired')).toBe(true);
    expect((await org.candidate.post(`/api/interviews/${state.id}/finish`)).statusCode).toBe(200);
    await waitFor(
      async () =>
        (
          await api.sql(
            'select 1 from app.grades g join app.answers a on a.id = g.answer_id join app.interview_items i on i.id = a.item_id where i.interview_id = $1',
            [state.id],
          )
        ).length === 3,
    );
  });

  it('reviewers schedule interviews for members; only the candidate answers; other organisations see nothing', async () => {
    const created = await org.reviewer.ok<InterviewState>(
      org.reviewer.post('/api/interviews', { templateId: warmUp, candidateId: org.candidate.userId }),
      201,
    );
    expect(created.mode).toBe('practice');
    const assessment = await org.reviewer.ok<InterviewState>(
      org.reviewer.post('/api/interviews', { templateId: warmUp, candidateId: org.candidate.userId, mode: 'assessment' }),
      201,
    );
    expect(assessment).toMatchObject({ mode: 'assessment', resultsAvailable: false });
    expect(
      (await org.reviewer.post('/api/interviews', { templateId: warmUp, candidateId: org.candidate.userId, mode: 'exam' })).statusCode,
    ).toBe(400);
    expect(created.candidate.id).toBe(org.candidate.userId);
    expect((await org.candidate.post('/api/interviews', { templateId: warmUp, candidateId: org.candidate.userId })).statusCode).toBe(403);

    const outsider = await signUp(api.server);
    expect((await org.reviewer.post('/api/interviews', { templateId: warmUp, candidateId: outsider.userId })).statusCode).toBe(404);
    expect(
      (await org.reviewer.post('/api/interviews', { templateId: crypto.randomUUID(), candidateId: org.candidate.userId })).statusCode,
    ).toBe(404);
    expect((await org.reviewer.post('/api/interviews', { templateId: 'nope', candidateId: org.candidate.userId })).statusCode).toBe(400);

    expect((await org.reviewer.get(`/api/interviews/${created.id}`)).statusCode).toBe(200);
    const byReviewer = await org.reviewer.post(`/api/interviews/${created.id}/start`);
    expect(byReviewer.statusCode).toBe(403);
    expect(byReviewer.json().error.code).toBe('not_the_candidate');

    const otherCandidate = await createOrg(api.server, 'Elsewhere');
    for (const client of [outsider, otherCandidate.candidate, otherCandidate.reviewer]) {
      expect((await client.get(`/api/interviews/${created.id}`)).statusCode).toBe(404);
      expect((await client.post(`/api/interviews/${created.id}/start`)).statusCode).toBe(404);
    }
    // A fellow candidate in the same organisation cannot see it either.
    const { invite } = await import('./support/client');
    const peer = await invite(api.server, org.reviewer, 'candidate');
    expect((await peer.get(`/api/interviews/${created.id}`)).statusCode).toBe(404);
    // Another org's template cannot be used.
    const [foreignTemplate] = await api.sql<{ id: string }>(
      "insert into app.interview_templates (org_id, slug, name, total_time_limit_sec) values ($1, 'private', 'Private', 600) returning id",
      [otherCandidate.owner.orgId],
    );
    expect((await org.candidate.post('/api/interviews/practice', { templateId: foreignTemplate!.id })).statusCode).toBe(404);
    expect((await api.server.inject({ method: 'GET', url: `/api/interviews/${created.id}` })).statusCode).toBe(401);
  });
});
