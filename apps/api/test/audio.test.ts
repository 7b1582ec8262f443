import type { InterviewState } from '@interview/contracts/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multipart, wavTone } from './support/audio';
import { createOrg, type Org, type TestClient } from './support/client';
import { apiProfiles, bootApi, type TestApi, waitFor } from './support/harness';
import { builtInTemplateId, createShortTemplate, current, startPractice } from './support/interviews';

const upload = (client: TestClient, state: InterviewState, body: ReturnType<typeof multipart>, itemId = current(state).id) =>
  client.request('POST', `/api/interviews/${state.id}/items/${itemId}/audio`, undefined, { payload: body.payload, headers: body.headers });

describe.each(apiProfiles)('spoken answers (%s)', (profile) => {
  let api: TestApi;
  let org: Org;
  let warmUp: string;
  beforeAll(async () => {
    // No transcription service configured: the browser's captions stand in for the transcript.
    api = await bootApi(profile, { AUDIO_MAX_BYTES: String(200 * 1024) });
    org = await createOrg(api.server);
    warmUp = await builtInTemplateId(api, 'warm-up');
  });
  afterAll(async () => api?.close());

  it('stores the recording, transcribes it (captions-only here) and grades the transcript', async () => {
    const templateId = await createShortTemplate(api, { orgId: org.owner.orgId, limitsSec: [60], totalSec: 600 });
    const state = await startPractice(org.candidate, templateId);
    const item = current(state);
    const captions = 'A pod without CPU requests gets BestEffort or Burstable QoS and the scheduler treats it as needing zero CPU';
    const res = await upload(
      org.candidate,
      state,
      multipart({ captions, durationMs: '2000' }, { field: 'audio', name: 'answer.webm', type: 'audio/webm', data: wavTone(2) }),
    );
    expect(res.statusCode).toBe(200);
    const after = res.json().state as InterviewState;
    expect(after.items[0]).toMatchObject({ status: 'submitted', answer: { mode: 'spoken', hasAudio: true } });
    const [stored] = await api.sql<{ audio_mime: string; bytes: number; audio_duration_ms: number }>(
      'select audio_mime, length(audio)::int as bytes, audio_duration_ms from app.answers where item_id = $1',
      [item.id],
    );
    // The type comes from the bytes (WAV), not from the declared name or content type.
    expect(stored).toMatchObject({ audio_mime: 'audio/wav', bytes: wavTone(2).length, audio_duration_ms: 2000 });
    const graded = await waitFor(async () => {
      const [row] = await api.sql<{ status: string; transcript: string }>('select status, transcript from app.answers where item_id = $1', [
        item.id,
      ]);
      return row && ['graded', 'needs_human_review'].includes(row.status) ? row : null;
    });
    expect(graded.transcript).toBe(captions);

    // The recording plays back for the candidate and the organisation's reviewers, and nobody else.
    const played = await org.reviewer.get(`/api/interviews/${state.id}/items/${item.id}/audio`);
    expect(played.statusCode).toBe(200);
    expect(played.headers['content-type']).toBe('audio/wav');
    expect(played.rawPayload.equals(wavTone(2))).toBe(true);
    expect((await org.candidate.get(`/api/interviews/${state.id}/items/${item.id}/audio`)).statusCode).toBe(200);
    const outsider = await createOrg(api.server, 'Outsiders');
    expect((await outsider.reviewer.get(`/api/interviews/${state.id}/items/${item.id}/audio`)).statusCode).toBe(404);
    expect(
      (await org.candidate.get(`/api/interviews/${state.id}/items/${state.items[0]!.id === item.id ? crypto.randomUUID() : item.id}/audio`))
        .statusCode,
    ).toBe(404);
  });

  it('refuses non-audio, oversized, over-long, missing and misplaced uploads with 4xx and stores nothing', async () => {
    const state = await startPractice(org.candidate, warmUp);
    const item = current(state);
    const text = await upload(
      org.candidate,
      state,
      multipart({}, { field: 'audio', name: 'a.webm', type: 'audio/webm', data: Buffer.from('just some text, not audio at all') }),
    );
    expect(text.statusCode).toBe(415);
    expect(text.json().error.code).toBe('unsupported_media_type');
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(200)]);
    expect(
      (await upload(org.candidate, state, multipart({}, { field: 'audio', name: 'a.wav', type: 'audio/wav', data: png }))).statusCode,
    ).toBe(415);
    // WebM magic on bytes with no webm DocType or Segment.
    const fakeWebm = Buffer.concat([Buffer.from([0x1a, 0x45, 0xdf, 0xa3]), Buffer.alloc(4000)]);
    expect(
      (await upload(org.candidate, state, multipart({}, { field: 'audio', name: 'a.webm', type: 'audio/webm', data: fakeWebm })))
        .statusCode,
    ).toBe(415);
    // RIFF/WAVE magic but a broken body.
    const broken = Buffer.concat([wavTone(1).subarray(0, 12), Buffer.from('garbage-garbage-garbage')]);
    expect(
      (await upload(org.candidate, state, multipart({}, { field: 'audio', name: 'a.wav', type: 'audio/wav', data: broken }))).statusCode,
    ).toBe(415);
    const huge = await upload(org.candidate, state, multipart({}, { field: 'audio', name: 'a.wav', type: 'audio/wav', data: wavTone(20) }));
    expect(huge.statusCode).toBe(413);
    expect(huge.json().error.code).toBe('too_large');
    expect((await upload(org.candidate, state, multipart({ captions: 'hi' }))).statusCode).toBe(400);
    expect(
      (await upload(org.candidate, state, multipart({}, { field: 'other', name: 'a.wav', type: 'audio/wav', data: wavTone(1) })))
        .statusCode,
    ).toBe(400);
    const json = await org.candidate.post(`/api/interviews/${state.id}/items/${item.id}/audio`, { audio: 'base64?' });
    expect(json.statusCode).toBe(400);
    const notStarted = await upload(
      org.candidate,
      state,
      multipart({}, { field: 'audio', name: 'a.wav', type: 'audio/wav', data: wavTone(1) }),
      state.items[1]!.id,
    );
    expect(notStarted.json().error.code).toBe('item_not_started');
    const byReviewer = await upload(
      org.reviewer,
      state,
      multipart({}, { field: 'audio', name: 'a.wav', type: 'audio/wav', data: wavTone(1) }),
    );
    expect(byReviewer.statusCode).toBe(403);
    const [row] = await api.sql<{ status: string; audio: Buffer | null }>('select status, audio from app.answers where item_id = $1', [
      item.id,
    ]);
    expect(row).toMatchObject({ status: 'draft', audio: null });
  });

  it('refuses a recording longer than the question allows, and spoken answers where the template is typed-only', async () => {
    const short = await createShortTemplate(api, { orgId: org.owner.orgId, limitsSec: [3], totalSec: 600 });
    const state = await startPractice(org.candidate, short);
    const long = await upload(org.candidate, state, multipart({}, { field: 'audio', name: 'a.wav', type: 'audio/wav', data: wavTone(10) }));
    expect(long.statusCode).toBe(400);
    expect(long.json().error.message).toMatch(/longer than/);

    const typedOnly = await createShortTemplate(api, { orgId: org.owner.orgId, limitsSec: [60], totalSec: 600, answerModes: ['typed'] });
    const typed = await startPractice(org.candidate, typedOnly);
    const refused = await upload(
      org.candidate,
      typed,
      multipart({}, { field: 'audio', name: 'a.wav', type: 'audio/wav', data: wavTone(1) }),
    );
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.message).toMatch(/spoken/);
  });
});
