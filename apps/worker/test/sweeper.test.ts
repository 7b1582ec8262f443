import { describe, expect, it } from 'vitest';
import { sweepUngradedAnswers } from '../src/index';
import { backendCases, silentLog } from './support/backends';
import { ANSWER, enqueueGrade, llmGraderFor, startGradingWorkers, submitAnswers } from './support/harness';
import { ScriptedLlm, slow } from './support/scripted-llm';
import { gradeRows, settled, waitFor } from './support/state';
import { useBackend } from './support/suite';

// Its own database per backend: the sweeper looks at every answer in it.
describe.each(backendCases)('sweeper idempotency on $name', (backendCase) => {
  const s = useBackend(backendCase);

  it('two racing sweeps plus an already-queued job, before and while the worker runs, still give one grade per answer', async () => {
    // Slow replies keep jobs active while the second round of sweeps runs.
    const server = await new ScriptedLlm(slow(800, s.ok)).start();
    s.closers.push(() => server.close());
    const queues = s.backend.queues();
    const targets = await submitAnswers(s.backend.handle.db, [ANSWER, `${ANSWER} Two.`, `${ANSWER} Three.`]);
    const deps = { db: s.backend.handle.db, queues, log: silentLog };
    const sweep = () => sweepUngradedAnswers(deps, { graceMs: 0, limit: 100 });

    // The submit path already queued the first answer; then two sweepers race.
    await enqueueGrade(queues, targets[0]!);
    expect(await Promise.all([sweep(), sweep()])).toEqual([3, 3]);
    const counts = await queues.queue('grade-answer').getJobCounts('waiting', 'active', 'delayed', 'completed');
    expect(counts).toEqual({ waiting: 3, active: 0, delayed: 0, completed: 0 });

    const workers = startGradingWorkers({ db: s.backend.handle.db, queues, grader: llmGraderFor(server.baseURL), concurrency: 3 });
    s.closers.push(() => workers.close());
    // While the jobs are in flight (answers in `grading`, no grade yet) the sweepers race again.
    await server.received(3);
    expect(await Promise.all([sweep(), sweep(), enqueueGrade(queues, targets[1]!).then(() => 'queued')])).toEqual([3, 3, 'queued']);

    for (const t of targets) expect(await settled(s.backend.handle.pool, t.answerId)).toBe('graded');
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
    for (const t of targets) expect(await gradeRows(s.backend.handle.pool, t.answerId)).toMatchObject([{ status: 'done', attempts: 1 }]);
  });
});
