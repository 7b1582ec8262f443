import type { InterviewState } from '@interview/contracts/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrg, type Org, type TestClient } from './support/client';
import { apiProfiles, bootApi, type TestApi, waitFor } from './support/harness';
import { createShortTemplate, current, startPractice } from './support/interviews';

const stateOf = (client: TestClient, id: string) => client.ok<InterviewState>(client.get(`/api/interviews/${id}`));

describe.each(apiProfiles)('the server owns the clock (%s)', (profile) => {
  let api: TestApi;
  let org: Org;
  beforeAll(async () => {
    api = await bootApi(profile, { DEADLINE_GRACE_SEC: '0' });
    org = await createOrg(api.server);
  });
  afterAll(async () => api?.close());

  it('at the deadline the last saved draft is submitted automatically; later writes are refused', async () => {
    const templateId = await createShortTemplate(api, { orgId: org.owner.orgId, limitsSec: [2, 30], totalSec: 120 });
    const state = await startPractice(org.candidate, templateId);
    const first = current(state);
    await org.candidate.ok(
      org.candidate.put(`/api/interviews/${state.id}/items/${first.id}/draft`, { text: 'what I had so far', revision: 1 }),
    );

    const after = await waitFor(async () => {
      const s = await stateOf(org.candidate, state.id);
      return s.items[0]!.status === 'submitted' ? s : null;
    }, 15_000);
    expect(after.items[0]).toMatchObject({ autoSubmitted: true, answer: { text: 'what I had so far' } });
    expect(current(after).id).toBe(after.items[1]!.id);

    const late = await org.candidate.post(`/api/interviews/${state.id}/items/${first.id}/submit`, { text: 'one more thought' });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('deadline_passed');
    const lateDraft = await org.candidate.put(`/api/interviews/${state.id}/items/${first.id}/draft`, { text: 'x', revision: 2 });
    expect(lateDraft.statusCode).toBe(409);
    // The stored answer is untouched by the refused writes.
    const [row] = await api.sql<{ text: string }>('select text from app.answers where item_id = $1', [first.id]);
    expect(row!.text).toBe('what I had so far');
  });

  it('an empty item at its deadline is closed as unanswered and still scored (zero, no model call)', async () => {
    const templateId = await createShortTemplate(api, { orgId: org.owner.orgId, limitsSec: [1], totalSec: 60 });
    const state = await startPractice(org.candidate, templateId);
    const done = await waitFor(async () => {
      const s = await stateOf(org.candidate, state.id);
      return s.status === 'completed' ? s : null;
    }, 15_000);
    expect(done.items[0]).toMatchObject({ status: 'expired', autoSubmitted: true });
    const [grade] = await waitFor(() =>
      api
        .sql<{ total: number; grader: string }>(
          'select g.total, g.grader from app.grades g join app.answers a on a.id = g.answer_id where a.item_id = $1',
          [done.items[0]!.id],
        )
        .then((r) => (r.length ? r : null)),
    );
    expect(grade).toMatchObject({ total: 0, grader: 'offline' });
  });

  it('the interview total limit caps item deadlines and expires the questions never reached', async () => {
    const templateId = await createShortTemplate(api, { orgId: org.owner.orgId, limitsSec: [60, 60], totalSec: 2 });
    const state = await startPractice(org.candidate, templateId);
    expect(current(state).deadlineAt).toBe(state.deadlineAt);
    const done = await waitFor(async () => {
      const s = await stateOf(org.candidate, state.id);
      return s.status === 'expired' ? s : null;
    }, 15_000);
    expect(done.items.map((i) => i.status)).toEqual(['expired', 'expired']);
  });

  it('a restart keeps the exact deadline, and the durable job still fires afterwards', async () => {
    const templateId = await createShortTemplate(api, { orgId: org.owner.orgId, limitsSec: [4, 30], totalSec: 120 });
    const state = await startPractice(org.candidate, templateId);
    const first = current(state);
    await org.candidate.ok(
      org.candidate.put(`/api/interviews/${state.id}/items/${first.id}/draft`, { text: 'saved before the restart', revision: 1 }),
    );

    await api.restart();
    org.candidate.server = api.server;
    const resumed = await stateOf(org.candidate, state.id);
    expect(current(resumed)).toMatchObject({ id: first.id, deadlineAt: first.deadlineAt, answer: { draft: 'saved before the restart' } });

    const after = await waitFor(async () => {
      const s = await stateOf(org.candidate, state.id);
      return s.items[0]!.status === 'submitted' ? s : null;
    }, 20_000);
    expect(after.items[0]!.answer?.text).toBe('saved before the restart');
    // Submitted close to the deadline (not by the slow safety-net sweep, 10 s late at least, on scale-out).
    expect(Date.parse(after.items[0]!.submittedAt!) - Date.parse(first.deadlineAt!)).toBeLessThan(8_000);
  });
});
