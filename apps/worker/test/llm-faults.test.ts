import type { RoomEvent } from '@interview/contracts/events';
import { gradeJobId } from '@interview/contracts/jobs';
import { countAnswersByStatus } from '@interview/db/queries/answers';
import { createMemoryEventBus } from '@interview/events';
import { describe, expect, it } from 'vitest';
import { type Backend, backendCases } from './support/backends';
import { ANSWER, enqueueGrade, llmGraderFor, startGradingWorkers, submitAnswers } from './support/harness';
import { completionReply, errorReply, garbage, hang, type LlmHandler, ScriptedLlm, seededRandom } from './support/scripted-llm';
import { gradeRows, settled, waitFor } from './support/state';
import { useBackend } from './support/suite';

describe.each(backendCases)('LLM faults through the real worker on $name', (backendCase) => {
  const s = useBackend(backendCase);

  async function llm(...script: LlmHandler[]) {
    const server = await new ScriptedLlm(s.ok).reply(...script).start();
    s.closers.push(() => server.close());
    return server;
  }

  function workers(
    queues: ReturnType<Backend['queues']>,
    grader: ReturnType<typeof llmGraderFor>,
    options: { concurrency?: number; events?: ReturnType<typeof createMemoryEventBus> } = {},
  ) {
    const w = startGradingWorkers({ db: s.backend.handle.db, queues, grader, ...options });
    s.closers.push(() => w.close());
    return w;
  }

  /** One plain answer, graded by the LLM grader aimed at `server`, through a fresh queue. */
  async function gradeOne(server: { baseURL: string }) {
    const queues = s.backend.queues();
    const [target] = await submitAnswers(s.backend.handle.db, [ANSWER]);
    workers(queues, llmGraderFor(server.baseURL));
    await enqueueGrade(queues, target!);
    return { queues, target };
  }

  it('429 with Retry-After: 1, then success: graded once, and the retry waited for Retry-After', async () => {
    const server = await llm(() => errorReply(429, 'Rate limit reached', { 'retry-after': '1' }));
    const { target } = await gradeOne(server);

    expect(await settled(s.backend.handle.pool, target!.answerId)).toBe('graded');
    expect(server.requests).toHaveLength(2);
    const waited = server.requests[1]!.at - server.requests[0]!.at;
    expect(waited).toBeGreaterThanOrEqual(900);
    expect(waited).toBeLessThan(10_000);
    const rows = await gradeRows(s.backend.handle.pool, target!.answerId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'done', grader: 'llm', attempts: 2, error: null });
  });

  it('429 with Retry-After: 3 waits the full 3 s, longer than the default backoff would', async () => {
    // The default first retry is ~1 s, so this only passes when the worker honours Retry-After.
    const server = await llm(() => errorReply(429, 'Rate limit reached', { 'retry-after': '3' }));
    const { queues, target } = await gradeOne(server);

    // The retry BullMQ scheduled is the provider's delay, not the generic backoff.
    const jobId = gradeJobId(target!.answerId, target!.rubricVersionId);
    const delayed = await waitFor('the job to wait for its retry', async () => {
      const j = await queues.queue('grade-answer').getJob(jobId);
      return j && (await j.getState()) === 'delayed' ? j : null;
    });
    expect(delayed.delay).toBe(3_000);
    expect(await settled(s.backend.handle.pool, target!.answerId)).toBe('graded');
    expect(server.requests).toHaveLength(2);
    expect(server.requests[1]!.at - server.requests[0]!.at).toBeGreaterThanOrEqual(2_900);
    expect(await gradeRows(s.backend.handle.pool, target!.answerId)).toMatchObject([{ status: 'done', attempts: 2 }]);
  });

  it('500, then success: retried and graded', async () => {
    const server = await llm(() => errorReply(500, 'The server had an error while processing your request.'));
    const { target } = await gradeOne(server);

    expect(await settled(s.backend.handle.pool, target!.answerId)).toBe('graded');
    expect(server.requests).toHaveLength(2);
    expect(await gradeRows(s.backend.handle.pool, target!.answerId)).toMatchObject([{ status: 'done', grader: 'llm', attempts: 2 }]);
  });

  it('400: the job fails at once without retrying and the answer goes to human review with the error stored', async () => {
    const server = await llm(() => errorReply(400, 'The model `scripted-model` does not exist or you do not have access to it.'));
    const queues = s.backend.queues();
    const [target] = await submitAnswers(s.backend.handle.db, [ANSWER]);
    const events = createMemoryEventBus();
    const heard: RoomEvent[] = [];
    events.subscribe((e) => heard.push(e));
    workers(queues, llmGraderFor(server.baseURL), { events });
    await enqueueGrade(queues, target!);

    expect(await settled(s.backend.handle.pool, target!.answerId)).toBe('needs_human_review');
    const job = await waitFor('the job to fail', async () => {
      const j = await queues.queue('grade-answer').getJob(gradeJobId(target!.answerId, target!.rubricVersionId));
      return j && (await j.getState()) === 'failed' ? j : null;
    });
    expect(job.attemptsMade).toBe(1);
    expect(job.failedReason).toMatch(/400/);
    // Give a (wrong) retry the time it would need to show up.
    await new Promise((r) => setTimeout(r, 1_500));
    expect(server.requests).toHaveLength(1);
    const rows = await gradeRows(s.backend.handle.pool, target!.answerId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'needs_human_review', grader: 'llm', attempts: 1, flags: ['needs_human_review'] });
    expect(rows[0]!.error).toMatch(/provider rejected the request \(400\).*does not exist/);
    // The room is told too, so the candidate is not left waiting on a grade that will not come.
    expect(heard).toContainEqual(
      expect.objectContaining({ type: 'grade.ready', answerId: target!.answerId, status: 'needs_human_review' }),
    );
  });

  it('garbage forever: human review after the bounded repair attempts, with no job retry', async () => {
    const server = await llm();
    server.otherwise(garbage);
    const { target } = await gradeOne(server);

    expect(await settled(s.backend.handle.pool, target!.answerId)).toBe('needs_human_review');
    await new Promise((r) => setTimeout(r, 1_500));
    // One job attempt: the first call plus two repair turns (maxRepairAttempts defaults to 2).
    expect(server.requests).toHaveLength(3);
    expect(server.requests[2]!.body.messages.at(-1).content).toMatch(/rejected: the reply is not valid JSON/);
    const rows = await gradeRows(s.backend.handle.pool, target!.answerId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'needs_human_review', attempts: 1 });
    expect(rows[0]!.error).toMatch(/still invalid after 3 attempts/);
  });

  it('a request that hangs past the client timeout is retried and then graded', async () => {
    const server = await llm(hang);
    const queues = s.backend.queues();
    const [target] = await submitAnswers(s.backend.handle.db, [ANSWER]);
    // The production grader with its smallest allowed client timeout (LLM_TIMEOUT_MS=1000).
    workers(queues, llmGraderFor(server.baseURL, { LLM_TIMEOUT_MS: '1000' }));
    await enqueueGrade(queues, target!);

    expect(await settled(s.backend.handle.pool, target!.answerId)).toBe('graded');
    expect(server.requests).toHaveLength(2);
    // The client gave up on the hung request (the server saw it abort), then the job retried.
    await server.requests[0]!.aborted;
    expect(server.requests[1]!.at - server.requests[0]!.at).toBeGreaterThanOrEqual(1_000);
    expect(await gradeRows(s.backend.handle.pool, target!.answerId)).toMatchObject([{ status: 'done', attempts: 2 }]);
  });

  it('mixed run: 30 answers with seeded 429/500/timeout/garbage on ~30% of calls all end graded or in review, one grade each', async () => {
    const random = seededRandom(20_240_611);
    const faults = { 429: 0, 500: 0, timeout: 0, garbage: 0, ok: 0 };
    const server = await llm();
    server.otherwise((req) => {
      const r = random();
      if (r < 0.075) {
        faults[429]++;
        return errorReply(429, 'Rate limit reached', { 'retry-after': '0.5' });
      }
      if (r < 0.15) {
        faults[500]++;
        return errorReply(500, 'upstream overloaded');
      }
      if (r < 0.225) {
        faults.timeout++;
        return hang(req);
      }
      if (r < 0.3) {
        faults.garbage++;
        return r < 0.26 ? garbage(req) : completionReply('{"criteria": []}');
      }
      faults.ok++;
      return s.ok(req);
    });
    const queues = s.backend.queues();
    const texts = Array.from({ length: 30 }, (_, i) => `${ANSWER} (answer ${i + 1})`);
    const targets = await submitAnswers(s.backend.handle.db, texts);
    workers(queues, llmGraderFor(server.baseURL, { LLM_TIMEOUT_MS: '1000' }), { concurrency: 8 });
    for (const t of targets) await enqueueGrade(queues, t);

    const outcomes = await Promise.all(targets.map((t) => settled(s.backend.handle.pool, t.answerId, 45_000)));
    for (const o of outcomes) expect(['graded', 'needs_human_review']).toContain(o);
    expect(faults[429] + faults[500] + faults.timeout + faults.garbage).toBeGreaterThan(0);

    const { rows } = await s.backend.handle.pool.query<{ answer_id: string; n: number; status: string }>(
      'select answer_id, count(*)::int as n, min(status::text) as status from app.grades where answer_id = any($1::uuid[]) group by answer_id',
      [targets.map((t) => t.answerId)],
    );
    expect(rows).toHaveLength(30);
    for (const r of rows) expect(r.n).toBe(1);
    // A grade's status matches its answer's: done ↔ graded, needs_human_review ↔ needs_human_review.
    const byAnswer = new Map(rows.map((r) => [r.answer_id, r.status]));
    targets.forEach((t, i) => {
      expect(byAnswer.get(t.answerId)).toBe(outcomes[i] === 'graded' ? 'done' : 'needs_human_review');
    });
    const counts = await countAnswersByStatus(s.backend.handle.db);
    expect(counts.submitted ?? 0).toBe(0);
    expect(counts.grading ?? 0).toBe(0);
    // Nothing is left behind in the queue either.
    const jobs = await queues.queue('grade-answer').getJobCounts('waiting', 'active', 'delayed');
    expect(jobs).toEqual({ waiting: 0, active: 0, delayed: 0 });
  }, 60_000);
});
