import { APIConnectionError, APIConnectionTimeoutError, APIError } from 'openai';
import { describe, expect, it } from 'vitest';
import { PermanentGradeError, parseRetryAfter, RetryableGradeError, toGradeError } from '../src/index';

const apiError = (status: number, headers: Record<string, string> = {}) =>
  APIError.generate(status, { error: { message: `status ${status}` } }, undefined, new Headers(headers));

describe('parseRetryAfter', () => {
  const now = Date.parse('2025-01-01T00:00:00Z');
  it('reads delta-seconds, fractional seconds, HTTP dates and retry-after-ms', () => {
    expect(parseRetryAfter(new Headers({ 'retry-after': '12' }), now)).toBe(12_000);
    expect(parseRetryAfter(new Headers({ 'retry-after': '0.5' }), now)).toBe(500);
    expect(parseRetryAfter(new Headers({ 'retry-after': 'Wed, 01 Jan 2025 00:00:45 GMT' }), now)).toBe(45_000);
    expect(parseRetryAfter(new Headers({ 'retry-after': 'Tue, 31 Dec 2024 23:00:00 GMT' }), now)).toBe(0);
    expect(parseRetryAfter(new Headers({ 'retry-after-ms': '250', 'retry-after': '9' }), now)).toBe(250);
    expect(parseRetryAfter({ 'Retry-After': '3' }, now)).toBe(3_000);
  });
  it('is null when absent or unparseable', () => {
    expect(parseRetryAfter(new Headers(), now)).toBeNull();
    expect(parseRetryAfter(new Headers({ 'retry-after': 'soon' }), now)).toBeNull();
    expect(parseRetryAfter(undefined, now)).toBeNull();
  });
});

describe('toGradeError', () => {
  it('treats 429, 408, 409 and 5xx as retryable, keeping Retry-After', () => {
    const limited = toGradeError(apiError(429, { 'retry-after': '2' }));
    expect(limited).toBeInstanceOf(RetryableGradeError);
    expect((limited as RetryableGradeError).retryAfterMs).toBe(2_000);
    for (const status of [408, 409, 500, 502, 503, 504]) expect(toGradeError(apiError(status))).toBeInstanceOf(RetryableGradeError);
  });
  it('treats connection errors and timeouts as retryable', () => {
    expect(toGradeError(new APIConnectionError({ message: 'ECONNREFUSED' }))).toBeInstanceOf(RetryableGradeError);
    expect(toGradeError(new APIConnectionTimeoutError())).toBeInstanceOf(RetryableGradeError);
  });
  it('treats other 4xx and unknown errors as permanent', () => {
    for (const status of [400, 401, 403, 404, 422]) expect(toGradeError(apiError(status))).toBeInstanceOf(PermanentGradeError);
    expect(toGradeError(new TypeError('bug'))).toBeInstanceOf(PermanentGradeError);
  });
  it('passes grade errors through', () => {
    const e = new RetryableGradeError('x', { retryAfterMs: 5 });
    expect(toGradeError(e)).toBe(e);
  });
});
