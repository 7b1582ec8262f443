import { gradeJobId } from '@interview/contracts/jobs';
import { describe, expect, it } from 'vitest';
import { backendCases } from './support/backends';
import { ANSWER, enqueueGrade, llmGraderFor, startGradingWorkers, submitAnswers } from './support/harness';
import { ScriptedLlm } from './support/scripted-llm';
import { answerStatus, gradeRows } from './support/state';
import { useBackend } from './support/suite';

describe.each(backendCases)('graceful drain on $name', (backendCase) => {
  const s = useBackend(backendCase);

  it('close() resolves only after the in-flight job finished and its grade is stored', async () => {
    let repliedAt = 0;
    const server = await new ScriptedLlm(s.ok)
      .reply(async (req) => {
        await new Promise((r) => setTimeout(r, 1_500));
        repliedAt = performance.now();
        return s.ok(req);
      })
      .start();
    s.closers.push(() => server.close());
    const queues = s.backend.queues();
    const [first, second] = await submitAnswers(s.backend.handle.db, [ANSWER, `${ANSWER} Second answer.`]);
    const workers = startGradingWorkers({ db: s.backend.handle.db, queues, grader: llmGraderFor(server.baseURL) });
    let closed = false;
    s.closers.push(async () => {
      if (!closed) await workers.close();
    });

    await enqueueGrade(queues, first!);
    await server.received(1);
    expect(await answerStatus(s.backend.handle.pool, first!.answerId)).toBe('grading');

    const closing = workers.close().then(() => {
      closed = true;
      return performance.now();
    });
    // Work that arrives while draining waits for the next worker.
    await enqueueGrade(queues, second!);
    const closedAt = await closing;

    // No polling: by the time close() resolved the grade was already committed.
    expect(repliedAt).toBeGreaterThan(0);
    expect(closedAt).toBeGreaterThanOrEqual(repliedAt);
    expect(await answerStatus(s.backend.handle.pool, first!.answerId)).toBe('graded');
    expect(await gradeRows(s.backend.handle.pool, first!.answerId)).toMatchObject([{ status: 'done', grader: 'llm', attempts: 1 }]);
    const job = await queues.queue('grade-answer').getJob(gradeJobId(first!.answerId, first!.rubricVersionId));
    expect(await job?.getState()).toBe('completed');

    // The job enqueued during the drain is either left for the next worker or, when a fetch
    // already in flight claimed it, finished too: close() never abandons work it took.
    const secondStatus = await answerStatus(s.backend.handle.pool, second!.answerId);
    const counts = await queues.queue('grade-answer').getJobCounts('waiting', 'active', 'completed');
    if (secondStatus === 'submitted') {
      expect(server.requests).toHaveLength(1);
      expect(counts).toEqual({ waiting: 1, active: 0, completed: 1 });
    } else {
      expect(secondStatus).toBe('graded');
      expect(server.requests).toHaveLength(2);
      expect(counts).toEqual({ waiting: 0, active: 0, completed: 2 });
    }
  });
});
