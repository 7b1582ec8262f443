import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { gradeJobId } from '@interview/contracts/jobs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createGradeAnswerProcessor } from '../src/index';
import { type Backend, openBackend, postgresCases, silentLog, TEST_REDIS_URL } from './support/backends';
import { ANSWER, enqueueGrade, llmGraderFor, rubricQuestion, submitAnswers } from './support/harness';
import { stopChild } from './support/processes';
import { gradeFor, hang, type LlmHandler, ScriptedLlm } from './support/scripted-llm';
import { answerStatus, gradeRows, settled } from './support/state';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

// A second process has to reach the database, so this needs a real Postgres (TEST_DATABASE_URL).
describe.runIf(postgresCases.length > 0)('a worker process killed mid-job', () => {
  describe.each(postgresCases)('on $name', (backendCase) => {
    let backend: Backend;
    let ok: LlmHandler;
    let child: ChildProcess | null = null;
    const closers: (() => Promise<void>)[] = [];

    beforeAll(async () => {
      backend = await openBackend(backendCase);
      ok = gradeFor((await rubricQuestion()).rubric);
    });
    afterEach(async () => {
      if (child) await stopChild(child, 'SIGKILL');
      child = null;
      for (const close of closers.splice(0).reverse()) await close();
      await backend.cleanup();
    });
    afterAll(async () => {
      await backend?.close();
    });

    it('SIGKILL while the LLM call is in flight: stalled-job recovery retries it on another worker, one grade results', async () => {
      // The first call (the doomed worker's) never returns; later calls grade.
      const server = await new ScriptedLlm(ok).reply(hang).start();
      closers.push(() => server.close());
      const queues = backend.queues();
      const [target] = await submitAnswers(backend.handle.db, [ANSWER]);
      const jobId = gradeJobId(target!.answerId, target!.rubricVersionId);

      // The real worker role, exactly as deployed: `ROLE=worker node apps/api/src/main.ts`.
      let output = '';
      child = spawn(process.execPath, ['--import', 'tsx', 'apps/api/src/main.ts'], {
        cwd: REPO_ROOT,
        env: {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          NODE_ENV: 'test',
          ROLE: 'worker',
          WORKER_METRICS_PORT: '0',
          DATABASE_URL: backend.testDb.url,
          ...(backendCase.queue === 'redis' ? { REDIS_URL: TEST_REDIS_URL } : {}),
          QUEUE_PREFIX: queues.prefix,
          LOG_LEVEL: 'silent',
          LLM_BASE_URL: server.baseURL,
          LLM_MODEL: 'scripted-model',
          LLM_API_KEY: 'test-key',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child.stdout?.on('data', (d) => {
        output += d;
      });
      child.stderr?.on('data', (d) => {
        output += d;
      });
      const died = new Promise<never>((_, reject) =>
        child?.once('exit', (code, signal) => reject(new Error(`worker process exited early (${code ?? signal}):\n${output}`))),
      );

      await enqueueGrade(queues, target!);
      // In flight: the child claimed the job, marked the answer `grading` and is waiting on the model.
      await Promise.race([server.received(1, 60_000), died]);
      expect(await answerStatus(backend.handle.pool, target!.answerId)).toBe('grading');
      expect(await queues.queue('grade-answer').getJobCounts('active')).toEqual({ active: 1 });

      died.catch(() => {});
      const killedAt = performance.now();
      await stopChild(child, 'SIGKILL');
      child = null;

      // A replacement worker with a short stalled-check interval. The dead worker's lock still runs
      // out on its own schedule (BullMQ's default lockDuration, 30 s), then the job is reclaimed.
      const recovery = queues.worker(
        'grade-answer',
        createGradeAnswerProcessor({ db: backend.handle.db, grader: llmGraderFor(server.baseURL), log: silentLog }),
        { lockDuration: 5_000, stalledInterval: 1_000 },
      );
      closers.push(() => recovery.close());

      expect(await settled(backend.handle.pool, target!.answerId, 70_000)).toBe('graded');
      const recoveredAfterMs = performance.now() - killedAt;
      expect(recoveredAfterMs).toBeLessThan(45_000);

      expect(server.requests).toHaveLength(2);
      expect(await gradeRows(backend.handle.pool, target!.answerId)).toMatchObject([{ status: 'done', grader: 'llm' }]);
      const job = await queues.queue('grade-answer').getJob(jobId);
      expect(await job?.getState()).toBe('completed');
      expect(job?.stalledCounter).toBe(1);
    }, 90_000);
  });
});
