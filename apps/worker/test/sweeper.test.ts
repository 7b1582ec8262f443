import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sweepUngradedAnswers } from '../src/index';
import { type Backend, backendCases, openBackend, silentLog } from './support/backends';
import { ANSWER, enqueueGrade, llmGraderFor, rubricQuestion, startGradingWorkers, submitAnswers } from './support/harness';
import { gradeFor, type LlmHandler, ScriptedLlm, slow } from './support/scripted-llm';
import { gradeRows, settled, waitFor } from './support/state';

// Its own database per backend: the sweeper looks at every answer in it.
describe.each(backendCases)('sweeper idempotency on $name', (backendCase) => {
  let backend: Backend;
  let ok: LlmHandler;
  const closers: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    backend = await openBackend(backendCase);
    ok = gradeFor((await rubricQuestion()).rubric);
  });
  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close();
    await backend.cleanup();
  });
  afterAll(async () => {
    await backend?.close();
  });

  it('two racing sweeps plus an already-queued job, before and while the worker runs, still give one grade per answer', async () => {
    // Slow replies keep jobs active while the second round of sweeps runs.
    const server = await new ScriptedLlm(slow(800, ok)).start();
    closers.push(() => server.close());
    const queues = backend.queues();
    const targets = await submitAnswers(backend.handle.db, [ANSWER, `${ANSWER} Two.`, `${ANSWER} Three.`]);
    const deps = { db: backend.handle.db, queues, log: silentLog };
    const sweep = () => sweepUngradedAnswers(deps, { graceMs: 0, limit: 100 });

    // The submit path already queued the first answer; then two sweepers race.
    await enqueueGrade(queues, targets[0]!);
    expect(await Promise.all([sweep(), sweep()])).toEqual([3, 3]);
    const counts = await queues.queue('grade-answer').getJobCounts('waiting', 'active', 'delayed', 'completed');
    expect(counts).toEqual({ waiting: 3, active: 0, delayed: 0, completed: 0 });

    const workers = startGradingWorkers({ db: backend.handle.db, queues, grader: llmGraderFor(server.baseURL), concurrency: 3 });
    closers.push(() => workers.close());
    // While the jobs are in flight (answers in `grading`, no grade yet) the sweepers race again.
    await server.received(3);
    expect(await Promise.all([sweep(), sweep(), enqueueGrade(queues, targets[1]!).then(() => 'queued')])).toEqual([3, 3, 'queued']);

    for (const t of targets) expect(await settled(backend.handle.pool, t.answerId)).toBe('graded');
    // Once graded, a sweep finds nothing and the queue holds exactly the three finished jobs.
    expect(await sweep()).toBe(0);
    await waitFor('all jobs to complete', async () => {
      const c = await queues.queue('grade-answer').getJobCounts('completed');
      return c.completed === 3;
    });
    expect(await queues.queue('grade-answer').getJobCounts('waiting', 'active', 'delayed', 'completed')).toEqual({
      waiting: 0,
      active: 0,
      delayed: 0,
      completed: 3,
    });
    expect(server.requests).toHaveLength(3);
    expect(new Set(server.requests.map((r) => r.answer)).size).toBe(3);
    for (const t of targets) expect(await gradeRows(backend.handle.pool, t.answerId)).toMatchObject([{ status: 'done', attempts: 1 }]);
  });
});
