import { createDb, type DbHandle, runMigrations } from '@interview/db';
import { createTestDatabase, type TestDatabase } from '@interview/db/testing';
import { createQueueRuntime, type QueueRuntime } from '@interview/queue';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepUngradedAnswers } from '../src/index';
import { silentLog, TEST_DATABASE_URL, uniquePrefix } from './support/backends';
import { ANSWER, enqueueGrade, llmGraderFor, rubricQuestion, startGradingWorkers, submitAnswers } from './support/harness';
import { freePort, onPath, RedisServer } from './support/processes';
import { gradeFor, ScriptedLlm } from './support/scripted-llm';
import { answerStatus, gradeRows, settled, waitFor } from './support/state';

const runnable = Boolean(TEST_DATABASE_URL) && onPath('redis-server');

describe.runIf(runnable)('an answer submitted while Redis is down (scale-out profile, own redis-server)', () => {
  let testDb: TestDatabase;
  let handle: DbHandle;
  let redis: RedisServer;
  let llm: ScriptedLlm;
  const runtimes: QueueRuntime[] = [];

  beforeAll(async () => {
    redis = await new RedisServer(await freePort()).start();
    testDb = await createTestDatabase('postgres', TEST_DATABASE_URL);
    handle = createDb(testDb.url, { max: 4 });
    await runMigrations(handle.pool);
    llm = await new ScriptedLlm(gradeFor((await rubricQuestion()).rubric)).start();
  });
  afterAll(async () => {
    // Closing BullMQ connections needs Redis up (a failed run may have left it stopped).
    if (redis && !redis.running) await redis.start();
    await Promise.allSettled(runtimes.map((r) => r.close()));
    await redis?.stop();
    await llm?.close();
    await handle?.close();
    await testDb?.drop();
  });

  it('fails to enqueue, stays committed as submitted, and is graded exactly once by the sweeper after Redis returns', async () => {
    const prefix = uniquePrefix();
    // Two long-lived processes' runtimes: the API that enqueues on submit, and the worker.
    const api = createQueueRuntime({ kind: 'redis', url: redis.url, prefix });
    const worker = createQueueRuntime({ kind: 'redis', url: redis.url, prefix });
    runtimes.push(api, worker);
    await api.queue('grade-answer').waitUntilReady();
    const workers = startGradingWorkers({ db: handle.db, queues: worker, grader: llmGraderFor(llm.baseURL) });
    await workers.workers[0]!.waitUntilReady();

    await redis.stop();

    // The submit path: the answer is committed first, then the enqueue fails.
    const [target] = await submitAnswers(handle.db, [ANSWER]);
    const outcome = await Promise.race([
      enqueueGrade(api, target!).then(
        () => 'enqueued',
        (err: Error) => err,
      ),
      new Promise((r) => setTimeout(() => r('still pending after 5 s'), 5_000)),
    ]);
    expect(outcome).toBeInstanceOf(Error);
    expect(await answerStatus(handle.pool, target!.answerId)).toBe('submitted');

    await redis.start();

    // The periodic sweeper's job, run by hand: retry until the worker's connection is back.
    const sweep = () => sweepUngradedAnswers({ db: handle.db, queues: worker, log: silentLog }, { graceMs: 0, limit: 100 });
    expect(await waitFor('a sweep to reach Redis', () => sweep().catch(() => null), 15_000)).toBe(1);
    expect(await settled(handle.pool, target!.answerId)).toBe('graded');

    expect(await gradeRows(handle.pool, target!.answerId)).toMatchObject([{ status: 'done', grader: 'llm', attempts: 1 }]);
    expect(llm.requests).toHaveLength(1);
    // The API's producer recovers on its own; a late duplicate enqueue of the same job is a no-op.
    const apiEnqueue = () => enqueueGrade(api, target!).then(() => true);
    await waitFor('the API to enqueue again', () => apiEnqueue().catch(() => null), 15_000);
    // Nothing is left to sweep, and a second sweep adds no second job.
    expect(await sweep()).toBe(0);
    expect(await worker.queue('grade-answer').getJobCounts('waiting', 'active', 'delayed', 'completed')).toEqual({
      waiting: 0,
      active: 0,
      delayed: 0,
      completed: 1,
    });

    await workers.close();
    await worker.queue('grade-answer').obliterate({ force: true });
  }, 60_000);
});
