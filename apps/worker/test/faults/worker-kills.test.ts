import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sweepUngradedAnswers } from '../../src/index';
import { type Backend, openBackend, postgresCases, silentLog, TEST_REDIS_URL } from '../support/backends';
import { ANSWER, enqueueGrade, rubricQuestion, submitAnswers } from '../support/harness';
import { stopChild } from '../support/processes';
import { gradeFor, type LlmHandler, ScriptedLlm, slow } from '../support/scripted-llm';
import { waitFor } from '../support/state';

const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const ANSWERS = 20;
const KILLS = 3;
/** Job lock of the test's worker processes (BullMQ's default is 30 s; the long script keeps it). */
const LOCK_MS = 2_000;
const LLM_MS = 800;

/**
 * The fast CI variant of `pnpm fault worker-kill` (bench/faults/worker-kill.ts: 500 answers through
 * the API, 20 kills of the real ROLE=worker process): worker processes are SIGKILLed mid-job, a
 * replacement starts each time, and every answer must still end graded exactly once.
 */
describe.runIf(postgresCases.length > 0)('grading survives repeated SIGKILLs of its worker process', () => {
  describe.each(postgresCases)('on $name', (backendCase) => {
    let backend: Backend;
    let ok: LlmHandler;
    const children: ChildProcess[] = [];
    const closers: (() => Promise<void>)[] = [];

    beforeAll(async () => {
      backend = await openBackend(backendCase);
      ok = gradeFor((await rubricQuestion()).rubric);
    });
    afterEach(async () => {
      for (const child of children.splice(0)) await stopChild(child, 'SIGKILL');
      for (const close of closers.splice(0).reverse()) await close();
      await backend.cleanup();
    });
    afterAll(async () => {
      await backend?.close();
    });

    it(`${ANSWERS} answers, ${KILLS} kills mid-job: all graded, one grade each, nothing failed or left in the queue`, async () => {
      const server = await new ScriptedLlm(slow(LLM_MS, ok)).start();
      closers.push(() => server.close());
      const queues = backend.queues();

      const spawnWorker = () => {
        const child = spawn(process.execPath, ['--import', 'tsx', 'apps/worker/test/support/worker-process.ts'], {
          cwd: REPO_ROOT,
          env: {
            PATH: process.env.PATH,
            HOME: process.env.HOME,
            DATABASE_URL: backend.testDb.url,
            ...(backendCase.queue === 'redis' ? { REDIS_URL: TEST_REDIS_URL } : {}),
            QUEUE_PREFIX: queues.prefix,
            LLM_BASE_URL: server.baseURL,
            LLM_MODEL: 'scripted-model',
            LLM_API_KEY: 'test-key',
            WORKER_CONCURRENCY: '4',
            TEST_LOCK_DURATION_MS: String(LOCK_MS),
          },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        children.push(child);
        let output = '';
        const ready = new Promise<void>((resolve, reject) => {
          child.stdout!.on('data', (d) => {
            output += d;
            if (output.includes('worker ready')) resolve();
          });
          child.stderr!.on('data', (d) => {
            output += d;
          });
          child.once('exit', (code, signal) => reject(new Error(`worker exited early (${code ?? signal}):\n${output}`)));
        });
        ready.catch(() => {});
        return { child, ready };
      };

      const targets = await submitAnswers(
        backend.handle.db,
        Array.from({ length: ANSWERS }, (_, i) => `${ANSWER} (answer ${i + 1})`),
      );
      let current = spawnWorker();
      await current.ready;
      for (const t of targets) await enqueueGrade(queues, t);

      for (let k = 0; k < KILLS; k++) {
        // Mid-job: the replacement has claimed jobs (including ones reclaimed from the last kill) and waits on the model.
        const seen = server.requests.length;
        await waitFor('the worker to call the model', async () => server.requests.length > seen, 30_000);
        await new Promise((r) => setTimeout(r, LLM_MS / 2));
        await stopChild(current.child, 'SIGKILL');
        current = spawnWorker();
        await current.ready;
      }

      const pool = backend.handle.pool;
      const ids = targets.map((t) => t.answerId);
      const failedJobs = async () => (await queues.queue('grade-answer').getFailed()).map((j) => `${j.id}: ${j.failedReason}`).join('; ');
      // The periodic sweeper's job (every 30 s in each worker, for answers over a minute old), run by
      // hand with no grace: it re-enqueues answers whose job was abandoned by the kills.
      const sweep = () => sweepUngradedAnswers({ db: backend.handle.db, queues, log: silentLog }, { graceMs: 0, limit: 100 });
      await waitFor(
        'every answer to be graded',
        async () => {
          await sweep();
          const { rows } = await pool.query<{ n: number }>(
            "select count(*)::int as n from app.answers where id = any($1::uuid[]) and status = 'graded'",
            [ids],
          );
          if (rows[0]!.n === ANSWERS) return true;
          await new Promise((r) => setTimeout(r, 1_000));
          return false;
        },
        60_000,
      ).catch(async (err: Error) => {
        throw new Error(`${err.message}; failed jobs: ${await failedJobs()}`);
      });
      const { rows } = await pool.query<{ answer_id: string; n: number; status: string }>(
        'select answer_id, count(*)::int as n, min(status::text) as status from app.grades where answer_id = any($1::uuid[]) group by answer_id',
        [ids],
      );
      expect(rows).toHaveLength(ANSWERS);
      for (const r of rows) expect(r).toMatchObject({ n: 1, status: 'done' });
      // The kills really hit jobs in flight: some answers were sent to the model more than once.
      expect(server.requests.length).toBeGreaterThan(ANSWERS);
      const counts = await queues.queue('grade-answer').getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed');
      expect(counts).toEqual({ waiting: 0, active: 0, delayed: 0, failed: 0, completed: ANSWERS });
    }, 120_000);
  });
});
