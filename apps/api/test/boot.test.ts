import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync } from 'node:zlib';
import { loadConfig } from '@interview/config';
import { createDb } from '@interview/db';
import { createTestDatabase, type TestDatabase } from '@interview/db/testing';
import { loadBank } from '@interview/question-bank';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DATABASE_URL, TEST_REDIS_URL, waitFor } from '../../../packages/db/test/support';
import { createSubmittedAnswers } from '../../worker/test/fixtures';
import { start } from '../src/boot/start';

const log = pino({ level: 'silent' });

describe('embedded profile: one process, data under DATA_DIR', () => {
  let dataDir: string;
  let webRoot: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'interview-data-'));
    webRoot = await mkdtemp(join(tmpdir(), 'interview-web-'));
    await writeFile(join(webRoot, 'index.html'), '<!doctype html><title>Mock Interview</title><div id="root"></div>');
    await mkdir(join(webRoot, 'assets'));
    await writeFile(join(webRoot, 'assets', 'app-abc123.js'), 'console.log("plain")');
    await writeFile(join(webRoot, 'assets', 'app-abc123.js.br'), brotliCompressSync('console.log("plain")'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
    await rm(webRoot, { recursive: true, force: true });
  });

  it('serves health, the web app and grades on one database where app and BullMQ tables coexist; a restart keeps the data', async () => {
    const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
    const first = await start(config, log, { webRoot });
    let answerId: string;
    try {
      const server = first.server!;
      const health = await server.inject('/healthz');
      expect(health.statusCode).toBe(200);
      expect(health.json()).toMatchObject({ status: 'ok', profile: 'embedded', queueBackend: 'postgres', grader: 'offline' });
      expect((await server.inject('/readyz')).statusCode).toBe(200);

      // The built web app is served, client routes fall back to it, unknown API routes stay JSON 404s.
      expect((await server.inject('/')).body).toContain('Mock Interview');
      expect((await server.inject('/interviews/123')).body).toContain('<div id="root">');
      // Hashed assets go out pre-compressed and cached for good; the page itself is revalidated.
      const asset = await server.inject({ url: '/assets/app-abc123.js', headers: { 'accept-encoding': 'br, gzip' } });
      expect(asset.headers).toMatchObject({ 'content-encoding': 'br', 'cache-control': 'public, max-age=31536000, immutable' });
      expect(brotliDecompressSync(asset.rawPayload).toString()).toBe('console.log("plain")');
      expect((await server.inject({ url: '/assets/app-abc123.js' })).body).toBe('console.log("plain")');
      expect((await server.inject('/')).headers['cache-control']).toBe('no-cache');
      const missing = await server.inject('/api/nope');
      expect(missing.statusCode).toBe(404);
      expect(missing.json().error.code).toBe('not_found');

      // Seeded: the whole shipped bank and the demo organisation with its three logins.
      const pool = first.database.pool;
      const bank = await loadBank();
      const { rows: q } = await pool.query('select count(*)::int as n from app.questions');
      expect(q[0].n).toBe(bank.questions.length);
      const { rows: members } = await pool.query(
        "select m.role from app.memberships m join app.organisations o on o.id = m.org_id where o.slug = 'demo' order by 1",
      );
      expect(members.map((m) => m.role)).toEqual(['admin', 'reviewer', 'candidate']);
      expect(await readFile(join(dataDir, 'demo-logins.txt'), 'utf8')).toMatch(/candidate@demo\.local\s+demo-/);

      // App tables in `app`, BullMQ's in `public` (the pglite-socket search_path pitfall), one database.
      const { rows: schemas } = await pool.query<{ table_schema: string; n: number }>(
        "select table_schema, count(*)::int as n from information_schema.tables where table_schema in ('app', 'public') group by 1",
      );
      const bySchema = Object.fromEntries(schemas.map((r) => [r.table_schema, r.n]));
      expect(bySchema.app).toBeGreaterThanOrEqual(19);
      expect(bySchema.public).toBeGreaterThan(0);

      // A job through the booted process's own queue and worker.
      const fixture = await createSubmittedAnswers(first.database.db, ['placeholder']);
      const target = fixture.answers[0]!;
      answerId = target.answerId;
      await pool.query('update app.answers set text = $1 where id = $2', [fixture.question.referenceAnswer, answerId]);
      await first.queues.add('grade-answer', { ...target, reason: 'submit' });
      await waitFor(
        async () => (await pool.query("select 1 from app.grades where answer_id = $1 and status = 'done'", [answerId])).rowCount,
      );
    } finally {
      await first.stop();
    }

    const second = await start(config, log, { webRoot });
    try {
      const { rows } = await second.database.pool.query('select status from app.answers where id = $1', [answerId]);
      expect(rows[0]?.status).toBe('graded');
      const { rows: orgs } = await second.database.pool.query("select count(*)::int as n from app.organisations where slug = 'demo'");
      expect(orgs[0].n).toBe(1);
    } finally {
      await second.stop();
    }
  });
});

const serviceProfiles = [
  ...(TEST_DATABASE_URL ? [{ name: 'postgres', redis: false }] : []),
  ...(TEST_DATABASE_URL && TEST_REDIS_URL ? [{ name: 'scale-out', redis: true }] : []),
];

describe.each(serviceProfiles)('$name profile boots with separate api and worker roles', ({ name, redis }) => {
  let testDb: TestDatabase;
  beforeAll(async () => {
    testDb = await createTestDatabase('postgres', TEST_DATABASE_URL);
  });
  afterAll(async () => {
    await testDb?.drop();
  });

  it('reports the profile and grades a job submitted through the api process in the worker process', async () => {
    const env = {
      DATABASE_URL: testDb.url,
      REDIS_URL: redis ? TEST_REDIS_URL : undefined,
      QUEUE_PREFIX: `t${crypto.randomUUID().slice(0, 8)}-`,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      // No worker health server: a fixed port would clash with parallel suites.
      WORKER_METRICS_PORT: '0',
    } as const;
    const api = await start(loadConfig({ ...env, ROLE: 'api' }), log);
    const worker = await start(loadConfig({ ...env, ROLE: 'worker' }), log);
    const handle = createDb(testDb.url, { max: 2 });
    try {
      expect(worker.server).toBeNull();
      const health = await api.server!.inject('/healthz');
      expect(health.json()).toMatchObject({ profile: name, queueBackend: redis ? 'redis' : 'postgres', role: 'api' });
      const fixture = await createSubmittedAnswers(handle.db, ['Finalizers keep the pod; the kubelet must confirm deletion.']);
      await api.queues.add('grade-answer', { ...fixture.answers[0]!, reason: 'submit' });
      await waitFor(
        async () => (await handle.pool.query('select 1 from app.grades where answer_id = $1', [fixture.answers[0]!.answerId])).rowCount,
      );
    } finally {
      if (redis) await api.queues.queue('grade-answer').obliterate({ force: true });
      await handle.close();
      await api.stop();
      await worker.stop();
    }
  });
});
