import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { InterviewState } from '@interview/contracts/api';
import { createDb, type DbHandle } from '@interview/db';
import { createTestDatabase, type TestDatabase } from '@interview/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../../worker/test/support/processes';
import { invite, signUp, type TestClient } from '../support/client';
import { apiProfiles, TEST_DATABASE_URL, TEST_REDIS_URL, waitFor } from '../support/harness';
import { httpServer } from '../support/http-server';
import { current } from '../support/interviews';
import { RoomClient } from '../support/room-client';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

/** The API as its own process (`node apps/api/src/main.ts`, ROLE=all), so the test can SIGKILL it. */
function launch(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/api/src/main.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, LOG_LEVEL: 'warn', SEED_DEMO: 'false', WORKER_METRICS_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  return { child, output: () => output };
}

async function kill(child: ChildProcess, signal: NodeJS.Signals) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill(signal);
  await exited;
}

/**
 * The API process dies with SIGKILL mid-interview (no drain, no cleanup) and comes back on the
 * same data. The graceful-restart case, with the deadline job firing afterwards, is in
 * deadlines.test.ts; this one is the crash, seen by a candidate on the room's WebSocket.
 */
describe.each(apiProfiles)('the API process killed mid-interview (%s)', (profile) => {
  let dataDir: string | null = null;
  let testDb: TestDatabase | null = null;
  let handle: DbHandle | null = null;
  let env: Record<string, string>;
  let base: string;
  let proc: ReturnType<typeof launch> | null = null;

  const up = async () => {
    proc = launch(env);
    const started = proc;
    await waitFor(
      async () =>
        fetch(`${base}/readyz`).then(
          (r) => r.ok,
          () => {
            if (started.child.exitCode !== null) throw new Error(`the API exited:\n${started.output()}`);
            return false;
          },
        ),
      60_000,
    );
  };

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    env = { PORT: String(port), HOST: '127.0.0.1', DEADLINE_GRACE_SEC: '0', AUTH_RATE_LIMIT_PER_MIN: '1000' };
    if (profile === 'embedded') {
      dataDir = await mkdtemp(join(tmpdir(), 'interview-crash-'));
      env.DATA_DIR = dataDir;
    } else {
      testDb = await createTestDatabase('postgres', TEST_DATABASE_URL);
      Object.assign(env, { DATABASE_URL: testDb.url, REDIS_URL: TEST_REDIS_URL!, QUEUE_PREFIX: `c${crypto.randomUUID().slice(0, 8)}-` });
    }
    await up();
    if (testDb) handle = createDb(testDb.url, { max: 2 });
  }, 90_000);
  afterAll(async () => {
    if (proc) await kill(proc.child, 'SIGTERM');
    await handle?.close();
    await testDb?.drop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('the candidate reconnects to the same item, deadline and draft, and carries on', async () => {
    const server = httpServer(base);
    const owner = await signUp(server, { organisationName: 'Crash Org' });
    const candidate: TestClient = await invite(server, owner, 'candidate');
    let templateId: string;
    if (handle) {
      // A short first question (scale-out, where the test can reach the database), so the deadline job is seen firing after the crash.
      const [t] = (
        await handle.pool.query<{ id: string }>(
          `insert into app.interview_templates (org_id, slug, name, mode, answer_modes, followups_per_question, total_time_limit_sec)
           values ($1, 'crash', 'Crash test', 'practice', '["typed"]'::jsonb, 0, 600) returning id`,
          [owner.orgId],
        )
      ).rows;
      templateId = t!.id;
      const { rows: qs } = await handle.pool.query<{ id: string }>('select id from app.questions order by slug limit 2');
      for (const [i, q] of qs.entries()) {
        await handle.pool.query(
          'insert into app.template_questions (template_id, position, question_id, time_limit_sec) values ($1, $2, $3, $4)',
          [templateId, i, q.id, i === 0 ? 12 : 300],
        );
      }
    } else {
      const templates = await candidate.ok<{ id: string; slug: string; builtIn: boolean }[]>(candidate.get('/api/templates'));
      templateId = templates.find((t) => t.slug === 'warm-up' && t.builtIn)!.id;
    }
    const created = await candidate.ok<InterviewState>(candidate.post('/api/interviews/practice', { templateId }), 201);
    const started = await candidate.ok<InterviewState>(candidate.post(`/api/interviews/${created.id}/start`));
    const first = current(started);

    const cookie = { cookie: candidate.cookie! };
    const room = await RoomClient.open(base, started.id, cookie);
    await room.next('state');
    room.send({ type: 'draft.save', itemId: first.id, text: 'typed before the crash', revision: 1 });
    await room.next('draft.saved');

    // SIGKILL: no drain, no onClose hooks; the socket just drops.
    await kill(proc!.child, 'SIGKILL');
    expect((await room.closed).code).toBe(1006);
    await up();

    const again = await RoomClient.open(base, started.id, cookie);
    const resumed = (await again.next('state')).state;
    expect(resumed.deadlineAt).toBe(started.deadlineAt);
    expect(resumed.items[0]).toMatchObject({ id: first.id, deadlineAt: first.deadlineAt, answer: { draft: 'typed before the crash' } });

    if (handle) {
      // The durable deadline job survived the crash: at the deadline the saved draft is submitted.
      const after = await waitFor(async () => {
        const s = await candidate.ok<InterviewState>(candidate.get(`/api/interviews/${started.id}`));
        return s.items[0]!.status === 'submitted' ? s : null;
      }, 30_000);
      expect(after.items[0]).toMatchObject({ autoSubmitted: true, answer: { text: 'typed before the crash' } });
      expect(Date.parse(after.items[0]!.submittedAt!)).toBeGreaterThanOrEqual(Date.parse(first.deadlineAt!));
    } else {
      again.send({ type: 'answer.submit', itemId: first.id, text: 'finished after the crash' });
      // The interview moves on (to a follow-up or the next question) on the restarted process.
      const moved = await again.next('state', (m) => m.state.currentItemId !== first.id);
      expect(moved.state.items[0]).toMatchObject({ status: 'submitted', answer: { text: 'finished after the crash' } });
    }
    await again.close();
  }, 120_000);
});
