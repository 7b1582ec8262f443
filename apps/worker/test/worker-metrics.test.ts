import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createMemoryEventBus } from '@interview/events';
import type { Grader } from '@interview/grader';
import type { QueueRuntime } from '@interview/queue';
import { describe, expect, it } from 'vitest';
import { createWorkerMetrics, startObservedWorkers } from '../src/index';
import { backendCases, silentLog } from './support/backends';
import { ANSWER, enqueueGrade, llmGraderFor, submitAnswers } from './support/harness';
import { get, sample } from './support/metrics';
import { errorReply, ScriptedLlm } from './support/scripted-llm';
import { answerStatus, settled, waitFor } from './support/state';
import { type BackendSuite, useBackend } from './support/suite';

/** Prices that make the cost exact: 1,000 prompt + 200 completion tokens (the scripted usage) = $0.0036. */
const PRICES = { LLM_PRICE_INPUT_PER_MTOK: '2', LLM_PRICE_CACHED_INPUT_PER_MTOK: '0.5', LLM_PRICE_OUTPUT_PER_MTOK: '8' };

function observe(s: BackendSuite, queues: QueueRuntime, grader: Grader) {
  return startObservedWorkers(
    {
      db: s.backend.handle.db,
      queues,
      grader,
      transcriber: null,
      events: createMemoryEventBus(),
      log: silentLog,
      env: { WORKER_CONCURRENCY: 2, WORKER_RATE_LIMIT_PER_SEC: 0 },
      sweepIntervalMs: 3_600_000,
    },
    { host: '127.0.0.1', port: 0 },
  );
}

describe.each(backendCases)('worker metrics and health server on $name', (backendCase) => {
  const s = useBackend(backendCase);

  it('counts a real grade job: completed by queue, grading time, LLM tokens and cost', async () => {
    const server = await new ScriptedLlm(s.ok).start();
    s.closers.push(() => server.close());
    const queues = s.backend.queues();
    const running = await observe(s, queues, llmGraderFor(server.baseURL, PRICES));
    s.closers.push(() => running.close());
    const port = running.port!;

    const before = (await get(port, '/metrics')).text;
    expect(sample(before, 'worker_jobs_completed_total', { queue: 'grade-answer' })).toBeUndefined();
    expect(sample(before, 'worker_grade_duration_seconds_count', { grader: 'llm' })).toBeUndefined();

    const [target] = await submitAnswers(s.backend.handle.db, [ANSWER]);
    await enqueueGrade(queues, target!);
    expect(await settled(s.backend.handle.pool, target!.answerId)).toBe('graded');
    // `completed` fires once BullMQ has moved the job, just after the grade is committed.
    const after = await waitFor('the completed counter', async () => {
      const { text } = await get(port, '/metrics');
      return sample(text, 'worker_jobs_completed_total', { queue: 'grade-answer' }) === 1 ? text : null;
    });

    expect(sample(after, 'worker_jobs_failed_total', { queue: 'grade-answer' })).toBeUndefined();
    expect(sample(after, 'worker_grade_duration_seconds_count', { grader: 'llm' })).toBe(1);
    expect(sample(after, 'worker_grade_duration_seconds_sum', { grader: 'llm' })).toBeGreaterThan(0);
    const model = { model: 'scripted-model' };
    expect(sample(after, 'worker_llm_tokens_total', { kind: 'prompt', ...model })).toBe(1_000);
    expect(sample(after, 'worker_llm_tokens_total', { kind: 'completion', ...model })).toBe(200);
    // The same figures the grade row stores.
    const { rows } = await s.backend.handle.pool.query<{ cost: string; latency: number }>(
      'select cost_usd as cost, latency_ms as latency from app.grades where answer_id = $1',
      [target!.answerId],
    );
    expect(Number(rows[0]?.cost)).toBeCloseTo(0.0036, 9);
    expect(sample(after, 'worker_llm_cost_usd_total', model)).toBeCloseTo(0.0036, 9);
    expect(sample(after, 'worker_grade_duration_seconds_sum', { grader: 'llm' })).toBeCloseTo((rows[0]?.latency ?? 0) / 1000, 3);
    // Process metrics ride along for the dashboard.
    expect(sample(after, 'process_cpu_seconds_total')).toBeGreaterThan(0);
  });

  it('counts a failed attempt by queue', async () => {
    const server = await new ScriptedLlm(() => errorReply(400, 'The model does not exist')).start();
    s.closers.push(() => server.close());
    const queues = s.backend.queues();
    const running = await observe(s, queues, llmGraderFor(server.baseURL));
    s.closers.push(() => running.close());

    const [target] = await submitAnswers(s.backend.handle.db, [ANSWER]);
    await enqueueGrade(queues, target!);
    expect(await settled(s.backend.handle.pool, target!.answerId)).toBe('needs_human_review');
    const text = await waitFor('the failed counter', async () => {
      const m = await get(running.port!, '/metrics');
      return sample(m.text, 'worker_jobs_failed_total', { queue: 'grade-answer' }) === 1 ? m.text : null;
    });
    expect(sample(text, 'worker_jobs_completed_total', { queue: 'grade-answer' })).toBeUndefined();
    expect(sample(text, 'worker_grade_duration_seconds_count', { grader: 'llm' })).toBeUndefined();
  });

  it('reads the queue depth from the backend at every scrape', async () => {
    const queues = s.backend.queues();
    const metrics = createWorkerMetrics(queues);
    const answers = await submitAnswers(s.backend.handle.db, [ANSWER, `${ANSWER} Two.`, `${ANSWER} Three.`]);
    expect(sample(await metrics.registry.metrics(), 'worker_queue_depth', { queue: 'grade-answer' })).toBe(0);
    for (const a of answers) await enqueueGrade(queues, a);
    const text = await metrics.registry.metrics();
    expect(sample(text, 'worker_queue_depth', { queue: 'grade-answer' })).toBe(3);
    expect(sample(text, 'worker_queue_depth', { queue: 'transcribe-audio' })).toBe(0);
    expect(sample(text, 'worker_queue_depth', { queue: 'regrade' })).toBe(0);
  });

  it('/readyz answers 503 while close() drains an in-flight job; the server stops only after the drain', async () => {
    const server = await new ScriptedLlm(s.ok)
      .reply(async (req) => {
        await new Promise((r) => setTimeout(r, 1_500));
        return s.ok(req);
      })
      .start();
    s.closers.push(() => server.close());
    const queues = s.backend.queues();
    const running = await observe(s, queues, llmGraderFor(server.baseURL));
    let closed = false;
    s.closers.push(async () => {
      if (!closed) await running.close();
    });
    const port = running.port!;
    expect(await get(port, '/readyz')).toEqual({ status: 200, text: JSON.stringify({ ready: true }) });
    expect((await get(port, '/nope')).status).toBe(404);

    const [target] = await submitAnswers(s.backend.handle.db, [ANSWER]);
    await enqueueGrade(queues, target!);
    await server.received(1);
    const closing = running.close().then(() => {
      closed = true;
    });

    // Mid-drain: not ready, still alive, still scrapable, and the job is still running.
    expect(await get(port, '/readyz')).toEqual({ status: 503, text: JSON.stringify({ ready: false, reason: 'draining' }) });
    expect((await get(port, '/healthz')).status).toBe(200);
    expect((await get(port, '/metrics')).status).toBe(200);
    expect(await answerStatus(s.backend.handle.pool, target!.answerId)).toBe('grading');
    expect(closed).toBe(false);

    await closing;
    expect(await answerStatus(s.backend.handle.pool, target!.answerId)).toBe('graded');
    expect(sample(await running.metrics.registry.metrics(), 'worker_jobs_completed_total', { queue: 'grade-answer' })).toBe(1);
    await expect(get(port, '/healthz')).rejects.toThrow();
  });

  it('refuses to start on a port that is taken, before taking any job', async () => {
    const taken = createServer();
    taken.listen(0, '127.0.0.1');
    await once(taken, 'listening');
    s.closers.push(() => new Promise((r) => taken.close(() => r())));
    const queues = s.backend.queues();
    const [target] = await submitAnswers(s.backend.handle.db, [ANSWER]);
    await enqueueGrade(queues, target!);
    const grader = llmGraderFor('http://127.0.0.1:9/v1');
    const start = startObservedWorkers(
      {
        db: s.backend.handle.db,
        queues,
        grader,
        transcriber: null,
        events: createMemoryEventBus(),
        log: silentLog,
        env: { WORKER_CONCURRENCY: 1, WORKER_RATE_LIMIT_PER_SEC: 0 },
      },
      { host: '127.0.0.1', port: (taken.address() as AddressInfo).port },
    );
    await expect(start).rejects.toThrow(/EADDRINUSE/);
    // No worker was started: the job still waits and the answer was never touched.
    await new Promise((r) => setTimeout(r, 1_000));
    expect(await queues.queue('grade-answer').getJobCounts('waiting', 'active')).toEqual({ waiting: 1, active: 0 });
    expect(await answerStatus(s.backend.handle.pool, target!.answerId)).toBe('submitted');
  });
});
