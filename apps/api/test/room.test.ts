import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrg, type Org, type TestClient } from './support/client';
import { apiProfiles, bootApi, type TestApi } from './support/harness';
import { builtInTemplateId, current, referenceAnswer, startPractice } from './support/interviews';
import { RoomClient } from './support/room-client';

describe.each(apiProfiles)('interview room WebSocket (%s)', (profile) => {
  let api: TestApi;
  let org: Org;
  let warmUp: string;
  beforeAll(async () => {
    api = await bootApi(profile);
    org = await createOrg(api.server);
    warmUp = await builtInTemplateId(api, 'warm-up');
  });
  afterAll(async () => api?.close());

  const cookie = (c: TestClient) => ({ cookie: c.cookie! });

  it('refuses to upgrade without a session, and closes on an interview that is not yours', async () => {
    const state = await startPractice(org.candidate, warmUp);
    await expect(RoomClient.open(api.url, state.id)).rejects.toThrow(/401/);
    await expect(RoomClient.open(api.url, 'not-a-uuid', cookie(org.candidate))).rejects.toThrow(/400/);
    const other = await createOrg(api.server, 'Other');
    const stranger = await RoomClient.open(api.url, state.id, cookie(other.candidate));
    const error = await stranger.next('error');
    expect(error.code).toBe('not_found');
    expect((await stranger.closed).code).toBe(4404);
  });

  it('sends the state on connect, saves drafts, submits, and resumes on reconnect with the same deadline', async () => {
    const state = await startPractice(org.candidate, warmUp);
    const room = await RoomClient.open(api.url, state.id, cookie(org.candidate));
    const first = current((await room.next('state')).state);

    room.send({ type: 'draft.save', itemId: first.id, text: 'typing over the socket', revision: 1 });
    expect(await room.next('draft.saved')).toMatchObject({ itemId: first.id, revision: 1 });
    room.send({ type: 'draft.save', itemId: first.id, text: 'stale', revision: 1 });
    expect(await room.next('error')).toMatchObject({ code: 'stale_revision' });
    room.send({ type: 'ping', t: 42 });
    expect(await room.next('pong')).toMatchObject({ t: 42 });
    await room.close();

    // Reconnect: exactly the same item, deadline and saved draft.
    const again = await RoomClient.open(api.url, state.id, cookie(org.candidate));
    const resumed = current((await again.next('state')).state);
    expect(resumed).toMatchObject({ id: first.id, deadlineAt: first.deadlineAt, answer: { draft: 'typing over the socket' } });

    again.send({ type: 'answer.submit', itemId: first.id, text: await referenceAnswer(api, first.id) });
    const started = await again.next('item.started');
    expect(started.item.position).toBe(10);
    expect(started.item.question?.prompt).toBeTruthy();
    // The grade is pushed when the worker stores it (practice mode).
    expect(await again.next('grade.ready', (m) => m.itemId === first.id, 20_000)).toMatchObject({ status: 'done' });
    await again.close();
  });

  it('answers malformed, invalid, binary and unknown frames with an error frame and keeps the socket open', async () => {
    const state = await startPractice(org.candidate, warmUp);
    const room = await RoomClient.open(api.url, state.id, cookie(org.candidate));
    await room.next('state');
    room.send('{"type": "draft.save", ');
    expect(await room.next('error')).toMatchObject({ code: 'invalid_message' });
    room.send({ type: 'draft.save', itemId: 'x', text: 1, revision: -1 });
    const invalid = await room.next('error');
    expect(invalid.code).toBe('invalid_message');
    expect(invalid.details).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'itemId' })]));
    room.send({ type: 'grade.override' });
    expect(await room.next('error')).toMatchObject({ code: 'invalid_message' });
    room.ws.send(Buffer.from([1, 2, 3]));
    expect(await room.next('error')).toMatchObject({ code: 'invalid_message' });
    room.send({ type: 'answer.submit', itemId: crypto.randomUUID(), text: 'x' });
    expect(await room.next('error')).toMatchObject({ code: 'not_found' });
    room.send({ type: 'ping' });
    await room.next('pong');
    // Nothing stored changed.
    const [row] = await api.sql<{ n: number }>(
      "select count(*)::int as n from app.answers a join app.interview_items i on i.id = a.item_id where i.interview_id = $1 and a.status <> 'draft'",
      [state.id],
    );
    expect(row!.n).toBe(0);
    await room.close();
  });

  it('closes a frame over the 64 KiB limit, and a reviewer watching cannot answer', async () => {
    const state = await startPractice(org.candidate, warmUp);
    const room = await RoomClient.open(api.url, state.id, cookie(org.candidate));
    await room.next('state');
    room.send({ type: 'draft.save', itemId: current(state).id, text: 'x'.repeat(70_000), revision: 1 });
    expect((await room.closed).code).toBe(1009);

    const watcher = await RoomClient.open(api.url, state.id, cookie(org.reviewer));
    await watcher.next('state');
    watcher.send({ type: 'draft.save', itemId: current(state).id, text: 'not mine', revision: 1 });
    expect(await watcher.next('error')).toMatchObject({ code: 'not_the_candidate' });
    await watcher.close();
  });

  it('rate-limits a client that floods the socket', async () => {
    const state = await startPractice(org.candidate, warmUp);
    const room = await RoomClient.open(api.url, state.id, cookie(org.candidate));
    await room.next('state');
    for (let i = 0; i < 60; i++) room.send({ type: 'ping', t: i });
    expect(await room.next('error')).toMatchObject({ code: 'rate_limited' });
    await room.close();
  });

  it.runIf(profile === 'scale-out')('relays moves made through another API process', async () => {
    const other = await api.startAnother();
    const address = other.server!.server.address();
    const otherUrl = typeof address === 'object' && address ? `http://127.0.0.1:${address.port}` : '';
    const state = await startPractice(org.candidate, warmUp);
    const room = await RoomClient.open(otherUrl, state.id, cookie(org.candidate));
    await room.next('state');
    const first = current(state);
    // Submitted over REST on the first process; the socket lives on the second one.
    await org.candidate.ok(
      org.candidate.post(`/api/interviews/${state.id}/items/${first.id}/submit`, { text: await referenceAnswer(api, first.id) }),
    );
    const started = await room.next('item.started');
    expect(started.item.position).toBe(10);
    await room.close();
  });
});
