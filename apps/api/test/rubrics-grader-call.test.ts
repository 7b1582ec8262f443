import type { GradeResult } from '@interview/contracts/grade';
import { type Grader, offlineGrader, PermanentGradeError, RetryableGradeError } from '@interview/grader';
import { describe, expect, it } from 'vitest';
import { gradeWithTimeout } from '../src/features/rubrics/grader-call';

const input = { question: { id: 'q', title: 'Q', prompt: 'Explain.', referenceAnswer: 'Because.' }, rubric: { criteria: [] }, answer: 'x' };

function fakeGrader(grade: () => Promise<GradeResult>): Grader {
  return { kind: 'llm', promptVersion: 'test', grade };
}

describe('synchronous grading: deadline and error mapping', () => {
  it('gives up with 504 when the grader does not answer in time', async () => {
    const hanging = fakeGrader(() => new Promise<GradeResult>(() => {}));
    const started = Date.now();
    await expect(gradeWithTimeout(hanging, input, { timeoutMs: 50 })).rejects.toMatchObject({ statusCode: 504, code: 'grader_timeout' });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('maps retryable failures to 503 with the provider delay, permanent ones and bugs to 502', async () => {
    const limited = fakeGrader(async () => {
      throw new RetryableGradeError('rate limited', { status: 429, retryAfterMs: 2_500 });
    });
    await expect(gradeWithTimeout(limited, input)).rejects.toMatchObject({
      statusCode: 503,
      code: 'grader_unavailable',
      details: { providerStatus: 429, retryAfterSec: 3 },
    });
    const rejected = fakeGrader(async () => {
      throw new PermanentGradeError('bad key', { status: 401 });
    });
    await expect(gradeWithTimeout(rejected, input)).rejects.toMatchObject({ statusCode: 502, details: { providerStatus: 401 } });
    const seen: unknown[] = [];
    const buggy = fakeGrader(async () => {
      throw new TypeError('undefined is not a function');
    });
    const err = await gradeWithTimeout(buggy, input, { onError: (e) => seen.push(e) }).catch((e: Error) => e);
    expect(err).toMatchObject({ statusCode: 502, code: 'grader_failed' });
    expect((err as Error).message).not.toContain('undefined is not a function');
    expect(seen[0]).toBeInstanceOf(TypeError);
  });

  it('passes a grade through when the grader answers in time', async () => {
    const [q] = [{ id: 'q', title: 'Pods', prompt: 'Why does a pod stay Terminating?', referenceAnswer: 'Finalizers.' }];
    const rubric = {
      criteria: ['a', 'b', 'c', 'd'].map((k) => ({
        key: `crit-${k}`,
        title: `Criterion ${k}`,
        weight: 1,
        assesses: 'Whether the answer names finalizers.',
        levels: { 0: 'Nothing relevant.', 1: 'A vague mention.', 2: 'Names the idea.', 3: 'Explains the idea.', 4: 'Explains it fully.' },
        keyPoints: [{ id: 'finalizers', point: 'Finalizers block deletion.', synonyms: ['finalizer'] }],
        redFlags: [],
      })),
    };
    const result = await gradeWithTimeout(offlineGrader, {
      question: q!,
      rubric,
      answer: 'Finalizers block deletion until a controller removes them.',
    });
    expect(result.grader).toBe('offline');
    expect(result.criteria).toHaveLength(4);
  });
});
