import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '@interview/config';
import type { RoomEvent } from '@interview/contracts/events';
import { createDb, type DbHandle, runMigrations } from '@interview/db';
import { importQuestion, upsertBank } from '@interview/db/queries/bank';
import { interviewGradingCost, upsertGrade } from '@interview/db/queries/grades';
import { createTestDatabase, type TestDatabase } from '@interview/db/testing';
import { createMemoryEventBus } from '@interview/events';
import { offlineGrader } from '@interview/grader';
import { createQueueRuntime, type QueueRuntime } from '@interview/queue';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds, TEST_DATABASE_URL, waitFor } from '../../../packages/db/test/support';
import { createTranscriber, resolvePricing, startWorkers, sweepUngradedAnswers } from '../src/index';
import { createSubmittedAnswers, sampleQuestion } from './fixtures';

const silent = { info() {}, warn() {}, error() {} };

/** A tiny valid WAV (16 kHz mono, 0.1 s of a 440 Hz tone): real audio bytes for the upload. */
function wav(): Buffer {
  const samples = 1600;
  const data = Buffer.alloc(samples * 2);
  for (let i = 0; i < samples; i++) data.writeInt16LE(Math.round(8000 * Math.sin((2 * Math.PI * 440 * i) / 16000)), i * 2);
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVEfmt ', 8);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(16000, 24);
  header.writeUInt32LE(32000, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36);
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

interface Upload {
  contentType: string;
  body: Buffer;
}

/** OpenAI-compatible /audio/transcriptions on loopback with scripted replies. */
async function transcriptionServer(replies: Array<{ status: number; body: unknown }>) {
  const uploads: Upload[] = [];
  const server: Server = createServer(async (req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    if (req.url?.endsWith('/audio/transcriptions'))
      uploads.push({ contentType: req.headers['content-type'] ?? '', body: Buffer.concat(chunks) });
    const reply = replies.shift() ?? { status: 500, body: { error: { message: 'no more scripted replies' } } };
    res.writeHead(reply.status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(reply.body));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as AddressInfo).port;
  return { baseURL: `http://127.0.0.1:${port}/v1`, uploads, close: () => new Promise((r) => server.close(r)) };
}

describe.each(dbKinds)('spoken answers and regrades (%s database, BullMQ Postgres backend)', (kind) => {
  let testDb: TestDatabase;
  let handle: DbHandle;
  let queues: QueueRuntime;
  let workers: ReturnType<typeof startWorkers> | null = null;
  const env = loadConfig({}).env;

  beforeAll(async () => {
    testDb = await createTestDatabase(kind, TEST_DATABASE_URL);
    handle = createDb(testDb.url, { max: 5 });
    await runMigrations(handle.pool);
  });
  afterEach(async () => {
    await workers?.close();
    await queues?.close();
    workers = null;
  });
  afterAll(async () => {
    await handle?.close();
    await testDb?.drop();
  });

  async function spokenAnswer(captions = '') {
    const { answers, question } = await createSubmittedAnswers(handle.db, ['']);
    const target = answers[0]!;
    await handle.pool.query(
      "update app.answers set mode = 'spoken', text = null, draft = $2, status = 'transcribing', audio = $3, audio_mime = 'audio/wav' where id = $1",
      [target.answerId, captions, wav()],
    );
    return { target, question };
  }

  function start(transcriber: ReturnType<typeof createTranscriber>) {
    queues = createQueueRuntime({
      kind: 'postgres',
      ...testDb.queue,
      prefix: `t${crypto.randomUUID().slice(0, 8)}-`,
    });
    const events = createMemoryEventBus();
    const received: RoomEvent[] = [];
    events.subscribe((e) => received.push(e));
    workers = startWorkers({
      db: handle.db,
      queues,
      events,
      grader: offlineGrader,
      transcriber,
      log: silent,
      env,
      sweepIntervalMs: 3_600_000,
    });
    return received;
  }

  it('uploads the audio to /audio/transcriptions, stores the transcript and grades it', async () => {
    const { target, question } = await spokenAnswer();
    const server = await transcriptionServer([{ status: 200, body: { text: question.referenceAnswer } }]);
    try {
      const received = start(createTranscriber({ ...env, TRANSCRIBE_BASE_URL: server.baseURL, TRANSCRIBE_API_KEY: 'k' }));
      await queues.add('transcribe-audio', { answerId: target.answerId });
      const graded = await waitFor(async () => {
        const { rows } = await handle.pool.query(
          "select a.transcript, g.total from app.answers a join app.grades g on g.answer_id = a.id where a.id = $1 and g.status = 'done'",
          [target.answerId],
        );
        return rows[0];
      });
      expect(graded.transcript).toBe(question.referenceAnswer);
      expect(graded.total).toBeGreaterThanOrEqual(85);
      // A real multipart upload carrying the WAV bytes and the configured model.
      expect(server.uploads).toHaveLength(1);
      expect(server.uploads[0]!.contentType).toMatch(/^multipart\/form-data/);
      expect(server.uploads[0]!.body.includes(wav())).toBe(true);
      expect(server.uploads[0]!.body.toString('latin1')).toContain('whisper-1');
      await waitFor(async () => received.length >= 2);
      expect(received.map((e) => e.type).sort()).toEqual(['grade.ready', 'transcript.ready']);
    } finally {
      await server.close();
    }
  });

  it('without a transcription service, grades the live captions the browser saved', async () => {
    const question = await sampleQuestion();
    const { target } = await spokenAnswer(question.referenceAnswer);
    start(null);
    await queues.add('transcribe-audio', { answerId: target.answerId });
    const row = await waitFor(
      async () =>
        (
          await handle.pool.query('select a.transcript from app.answers a join app.grades g on g.answer_id = a.id where a.id = $1', [
            target.answerId,
          ])
        ).rows[0],
    );
    expect(row.transcript).toBe(question.referenceAnswer);
  });

  it('the sweeper re-enqueues a spoken answer whose transcription job never made it to the queue', async () => {
    const question = await sampleQuestion();
    const { target } = await spokenAnswer(question.referenceAnswer);
    start(null);
    // Nothing was enqueued at submit time (say the queue was down); the sweep finds it.
    expect(await sweepUngradedAnswers({ db: handle.db, queues, log: silent }, { graceMs: 0, limit: 100 })).toBeGreaterThanOrEqual(1);
    await sweepUngradedAnswers({ db: handle.db, queues, log: silent }, { graceMs: 0, limit: 100 });
    await waitFor(
      async () =>
        (await handle.pool.query("select 1 from app.grades where answer_id = $1 and status = 'done'", [target.answerId])).rowCount,
    );
    const { rows } = await handle.pool.query('select count(*)::int as n from app.grades where answer_id = $1', [target.answerId]);
    expect(rows[0].n).toBe(1);
  });

  it('a rejected upload (400) leaves the answer with a human, not stuck in transcribing', async () => {
    const { target } = await spokenAnswer();
    const server = await transcriptionServer([{ status: 400, body: { error: { message: 'unsupported audio' } } }]);
    try {
      const received = start(createTranscriber({ ...env, TRANSCRIBE_BASE_URL: server.baseURL }));
      await queues.add('transcribe-audio', { answerId: target.answerId });
      await waitFor(
        async () =>
          (await handle.pool.query("select 1 from app.answers where id = $1 and status = 'needs_human_review'", [target.answerId]))
            .rowCount,
      );
      expect(server.uploads).toHaveLength(1);
      await waitFor(async () => received.find((e) => e.type === 'transcript.ready' && e.status === 'failed'));
    } finally {
      await server.close();
    }
  });

  it('regrades under a new rubric version and keeps the old grade for the diff', async () => {
    const { answers, question } = await createSubmittedAnswers(handle.db, ['placeholder']);
    const target = answers[0]!;
    await handle.pool.query('update app.answers set text = $1 where id = $2', [question.referenceAnswer, target.answerId]);
    start(null);
    await queues.add('grade-answer', { ...target, reason: 'submit' });
    await waitFor(
      async () =>
        (await handle.pool.query("select 1 from app.grades where answer_id = $1 and status = 'done'", [target.answerId])).rowCount,
    );

    // A team edits the rubric: the importer publishes version 2.
    const changed = structuredClone(question);
    changed.rubric.criteria[0]!.weight += 2;
    const bank = await upsertBank(handle.db, { orgId: null, slug: 'test-bank', name: 'Test bank' });
    const v2 = await importQuestion(handle.db, { bankId: bank.id, orgId: null, question: changed });
    expect(v2.change).toBe('new-version');

    const { rows: org } = await handle.pool.query(
      'select iv.org_id from app.answers a join app.interview_items i on i.id = a.item_id join app.interviews iv on iv.id = i.interview_id where a.id = $1',
      [target.answerId],
    );
    await queues.add('regrade', { orgId: org[0].org_id, rubricVersionId: v2.rubricVersionId, answerIds: [target.answerId] });
    const rows = await waitFor(async () => {
      const r = await handle.pool.query("select rubric_version_id from app.grades where answer_id = $1 and status = 'done'", [
        target.answerId,
      ]);
      return r.rowCount === 2 ? r.rows : null;
    });
    expect(rows.map((r) => r.rubric_version_id).sort()).toEqual([target.rubricVersionId, v2.rubricVersionId].sort());
  });

  it('stores tokens and cost per grade and sums them per interview', async () => {
    const { answers } = await createSubmittedAnswers(handle.db, ['one answer', 'another answer']);
    const interviewId = (
      await handle.pool.query('select i.interview_id from app.answers a join app.interview_items i on i.id = a.item_id where a.id = $1', [
        answers[0]!.answerId,
      ])
    ).rows[0].interview_id;
    const question = await sampleQuestion();
    const base = await offlineGrader.grade({ question, rubric: question.rubric, answer: question.referenceAnswer });
    for (const [i, a] of answers.entries()) {
      await upsertGrade(handle.db, {
        ...a,
        attempts: 1,
        result: {
          ...base,
          grader: 'llm',
          model: 'gpt-4o-mini',
          usage: { promptTokens: 1000 * (i + 1), completionTokens: 200, cachedTokens: 800 },
          costUsd: 0.0005 * (i + 1),
        },
      });
    }
    const cost = await interviewGradingCost(handle.db, { interviewId });
    expect(cost).toEqual({ grades: 2, promptTokens: 3000, cachedTokens: 1600, completionTokens: 400, costUsd: 0.0015 });
  });
});

describe('price table', () => {
  it('prices known models, lets env override, and leaves self-hosted models unpriced', () => {
    expect(resolvePricing({ LLM_MODEL: 'gpt-4o-mini-2024-07-18' } as never)).toEqual({
      inputPerMTok: 0.15,
      cachedInputPerMTok: 0.075,
      outputPerMTok: 0.6,
    });
    expect(resolvePricing({ LLM_MODEL: 'openai/gpt-4.1' } as never)?.inputPerMTok).toBe(2);
    expect(resolvePricing({ LLM_MODEL: 'llama3.1:8b' } as never)).toBeUndefined();
    expect(resolvePricing({ LLM_MODEL: 'llama3.1:8b', LLM_PRICE_INPUT_PER_MTOK: 0.1, LLM_PRICE_OUTPUT_PER_MTOK: 0.2 } as never)).toEqual({
      inputPerMTok: 0.1,
      cachedInputPerMTok: undefined,
      outputPerMTok: 0.2,
    });
  });
});
