import { PassThrough, Readable } from 'node:stream';
import type { GradeResult, RubricDefinition } from '@interview/contracts';
import { describe, expect, it } from 'vitest';
import { loadBank } from '../../question-bank/src/load';
import { mapOrdered } from '../src/batch/pool';
import { retryDelay, withRetry } from '../src/batch/retry';
import { createRubricResolver, RubricResolveError } from '../src/batch/rubrics';
import { runBatch } from '../src/batch/run';
import { parseInputLine } from '../src/batch/schema';
import { offlineRubricDrafter, type RubricDrafter } from '../src/draft/index';
import { PermanentGradeError, RetryableGradeError } from '../src/errors';
import type { Grader } from '../src/types';

const bank = await loadBank();
const questions = new Map(bank.questions.map((q) => [q.id, q]));
const sampleQuestion = bank.questions[0];
if (!sampleQuestion) throw new Error('empty bank');

async function* from<T>(items: T[]): AsyncGenerator<T> {
  for (const item of items) yield item;
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

describe('mapOrdered', () => {
  it('emits results in input order with at most `concurrency` calls in flight', async () => {
    let inFlight = 0;
    let peak = 0;
    const out: number[] = [];
    const items = Array.from({ length: 40 }, (_, i) => i);
    await mapOrdered(
      from(items),
      { concurrency: 4 },
      async (i) => {
        inFlight++;
        peak = Math.max(peak, inFlight);
        await delay((i * 7) % 5);
        inFlight--;
        return i * 10;
      },
      (r) => {
        out.push(r);
      },
    );
    expect(out).toEqual(items.map((i) => i * 10));
    expect(peak).toBe(4);
  });

  it('bounds how far it reads ahead of a slow line', async () => {
    let started = 0;
    let startedWhileFirstPending = 0;
    let firstDone = false;
    await mapOrdered(
      from(Array.from({ length: 100 }, (_, i) => i)),
      { concurrency: 2, window: 6 },
      async (i) => {
        started++;
        if (!firstDone) startedWhileFirstPending = started;
        if (i === 0) {
          await delay(30);
          firstDone = true;
        }
        return i;
      },
      () => {},
    );
    expect(started).toBe(100);
    expect(startedWhileFirstPending).toBeLessThanOrEqual(6);
  });
});

describe('withRetry', () => {
  it('retries a RetryableGradeError, honouring retryAfterMs', async () => {
    const sleeps: number[] = [];
    let calls = 0;
    const value = await withRetry(
      async () => {
        calls++;
        if (calls < 3) throw new RetryableGradeError('429', { status: 429, retryAfterMs: 1_234 });
        return 'ok';
      },
      { retries: 3, sleep: async (ms) => void sleeps.push(ms) },
    );
    expect(value).toBe('ok');
    expect(calls).toBe(3);
    expect(sleeps).toEqual([1_234, 1_234]);
  });

  it('gives up after `retries` and rethrows the last error', async () => {
    let calls = 0;
    const run = withRetry(
      async () => {
        calls++;
        throw new RetryableGradeError('503', { status: 503 });
      },
      { retries: 2, sleep: async () => {} },
    );
    await expect(run).rejects.toBeInstanceOf(RetryableGradeError);
    expect(calls).toBe(3);
  });

  it('never retries a permanent error', async () => {
    let calls = 0;
    const run = withRetry(
      async () => {
        calls++;
        throw new PermanentGradeError('400');
      },
      { retries: 5, sleep: async () => {} },
    );
    await expect(run).rejects.toBeInstanceOf(PermanentGradeError);
    expect(calls).toBe(1);
  });

  it('backs off exponentially with jitter when no Retry-After was given, and caps provider delays', () => {
    const err = new RetryableGradeError('503');
    expect(retryDelay(err, 0, { retries: 3, baseDelayMs: 100 }, () => 0.5)).toBe(100);
    expect(retryDelay(err, 3, { retries: 3, baseDelayMs: 100 }, () => 0.5)).toBe(800);
    expect(retryDelay(err, 3, { retries: 3, baseDelayMs: 100 }, () => 0)).toBe(640);
    expect(retryDelay(err, 20, { retries: 3, baseDelayMs: 100, maxDelayMs: 5_000 }, () => 0.5)).toBe(5_000);
    const slow = new RetryableGradeError('429', { retryAfterMs: 10 * 60_000 });
    expect(retryDelay(slow, 0, { retries: 3, maxRetryAfterMs: 60_000 })).toBe(60_000);
  });
});

describe('parseInputLine', () => {
  it('accepts questionId lines and question + referenceAnswer lines, ignoring extra fields', () => {
    const a = parseInputLine(JSON.stringify({ id: 'a', questionId: 'q', answer: 'x', humanScore: 50, kind: 'strong', note: 1 }));
    expect(a).toEqual({ ok: true, value: { id: 'a', questionId: 'q', answer: 'x', humanScore: 50, kind: 'strong' } });
    const b = parseInputLine(JSON.stringify({ id: 7, question: 'What is a pod, really?', referenceAnswer: 'ref', answer: '' }));
    expect(b.ok).toBe(true);
  });

  it('explains what is wrong with a bad line', () => {
    expect(parseInputLine('{not json')).toMatchObject({ ok: false, error: expect.stringContaining('invalid JSON') });
    expect(parseInputLine(JSON.stringify({ id: 'a', questionId: 'q' }))).toMatchObject({
      ok: false,
      error: expect.stringContaining('answer'),
    });
    expect(parseInputLine(JSON.stringify({ id: 'a', question: 'What is a pod, really?', answer: 'x' }))).toMatchObject({
      ok: false,
      error: expect.stringContaining('questionId'),
    });
    expect(parseInputLine(JSON.stringify({ id: 'a', questionId: 'q', answer: 'x', humanScore: 4.5e3 }))).toMatchObject({
      ok: false,
      error: expect.stringContaining('humanScore'),
    });
  });
});

describe('createRubricResolver', () => {
  const line = (extra: object) => ({ id: 'x', answer: 'a', ...extra });

  it('uses the bank rubric for a questionId and rejects an unknown one', async () => {
    const resolver = createRubricResolver({ questions, drafter: offlineRubricDrafter });
    const r = await resolver.resolve(line({ questionId: sampleQuestion.id }));
    expect(r.rubric).toBe(sampleQuestion.rubric);
    expect(r.question.id).toBe(sampleQuestion.id);
    await expect(resolver.resolve(line({ questionId: 'no-such-question' }))).rejects.toBeInstanceOf(RubricResolveError);
  });

  it('drafts once per distinct (question, referenceAnswer), sharing an in-flight draft', async () => {
    let drafts = 0;
    const drafter: RubricDrafter = {
      kind: 'offline',
      draft: async (input) => {
        drafts++;
        await delay(5);
        return offlineRubricDrafter.draft(input);
      },
    };
    const resolver = createRubricResolver({ questions, drafter });
    const a = { question: sampleQuestion.prompt, referenceAnswer: sampleQuestion.referenceAnswer };
    const [r1, r2] = await Promise.all([resolver.resolve(line(a)), resolver.resolve(line(a))]);
    const r3 = await resolver.resolve(line(a));
    expect(r1).toBe(r2);
    expect(r3).toBe(r1);
    expect(drafts).toBe(1);
    expect(resolver.stats).toEqual({ drafted: 1, cacheHits: 2 });
    await resolver.resolve(line({ ...a, referenceAnswer: `${a.referenceAnswer} Extra sentence about kube-proxy and iptables.` }));
    expect(drafts).toBe(2);
  });

  it('does not cache a failed draft', async () => {
    let calls = 0;
    const drafter: RubricDrafter = {
      kind: 'llm',
      draft: async (input) => {
        calls++;
        if (calls === 1) throw new RetryableGradeError('provider down');
        return offlineRubricDrafter.draft(input);
      },
    };
    const resolver = createRubricResolver({ questions, drafter });
    const a = line({ question: sampleQuestion.prompt, referenceAnswer: sampleQuestion.referenceAnswer });
    await expect(resolver.resolve(a)).rejects.toBeInstanceOf(RetryableGradeError);
    await expect(resolver.resolve(a)).resolves.toMatchObject({ rubric: expect.any(Object) });
    expect(calls).toBe(2);
  });
});

describe('runBatch', () => {
  function fakeResult(rubric: RubricDefinition, score: number): GradeResult {
    return {
      grader: 'llm',
      model: 'm',
      promptVersion: 'v',
      total: score * 25,
      confidence: 0.7,
      criteria: rubric.criteria.map((c) => ({
        key: c.key,
        score,
        reasoning: '',
        evidence: [{ quote: 'q', start: 0, end: 1 }],
        keyPointsCovered: [],
        keyPointsMissed: [],
        needsReview: false,
      })),
      strengths: [],
      improvements: [],
      keyPointsCovered: [],
      keyPointsMissed: [],
      flags: [],
      usage: { promptTokens: 10, completionTokens: 2, cachedTokens: 4 },
      costUsd: null,
      latencyMs: 1,
    };
  }

  it('retries retryable grading failures, writes {id, error} for the rest, and keeps input order', async () => {
    const attempts = new Map<string, number>();
    const grader: Grader = {
      kind: 'llm',
      promptVersion: 'v',
      grade: async (input) => {
        const n = (attempts.get(input.answer) ?? 0) + 1;
        attempts.set(input.answer, n);
        if (input.answer === 'flaky' && n === 1) throw new RetryableGradeError('429', { retryAfterMs: 1 });
        if (input.answer === 'broken') throw new PermanentGradeError('provider rejected the request (400)');
        if (input.answer === 'down') throw new RetryableGradeError('503');
        await delay(input.answer === 'slow' ? 20 : 0);
        return fakeResult(input.rubric, 3);
      },
    };
    const lines = [
      { id: 1, questionId: sampleQuestion.id, answer: 'slow', humanScore: 70, kind: 'a' },
      { id: 2, questionId: sampleQuestion.id, answer: 'flaky', humanScore: 80, kind: 'a' },
      'garbage',
      '',
      { id: 3, questionId: sampleQuestion.id, answer: 'broken', humanScore: 10 },
      { id: 4, questionId: sampleQuestion.id, answer: 'down' },
      { id: 5, questionId: sampleQuestion.id, answer: 'fine', humanScore: 75, kind: 'b' },
    ];
    const input = Readable.from([lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\r\n')]);
    const output = new PassThrough();
    const chunks: string[] = [];
    output.on('data', (c: Buffer) => chunks.push(c.toString()));
    const issues: string[] = [];
    const report = await runBatch(
      {
        grader,
        resolver: createRubricResolver({ questions, drafter: offlineRubricDrafter }),
        retry: { retries: 2, baseDelayMs: 1, sleep: async () => {} },
      },
      { input, output, concurrency: 3, onIssue: (m) => issues.push(m) },
    );
    const out = chunks
      .join('')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(out.map((o) => o.id)).toEqual([1, 2, 3, 4, 5]);
    expect(out[0]).toMatchObject({ total: 75, grader: 'llm', flags: [] });
    expect(out[0].criteria[0]).toEqual({ key: sampleQuestion.rubric.criteria[0]?.key, score: 3, evidence: ['q'] });
    expect(out[2]).toEqual({ id: 3, error: 'PermanentGradeError: provider rejected the request (400)' });
    expect(out[3]).toEqual({ id: 4, error: 'RetryableGradeError: 503' });
    expect(attempts.get('down')).toBe(3);
    expect(report).toMatchObject({ lines: 6, graded: 3, failed: 2, invalid: 1, retries: 3, humanScoredNotPaired: 1 });
    expect(report.usage).toEqual({ promptTokens: 30, completionTokens: 6, cachedTokens: 12 });
    expect(report.agreement?.n).toBe(3);
    expect(report.byKind).toEqual([
      { kind: 'a', n: 2, meanTotal: 75, meanHuman: 75 },
      { kind: 'b', n: 1, meanTotal: 75, meanHuman: 75 },
    ]);
    expect(issues[0]).toMatch(/^line 3: invalid input, skipped: invalid JSON/);
    expect(issues.some((m) => m.startsWith('line 5 (id 3): PermanentGradeError'))).toBe(true);
  });
});
