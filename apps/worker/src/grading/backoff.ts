import { RetryableGradeError } from '@interview/grader';

const MAX_DELAY_MS = 5 * 60_000;

/**
 * BullMQ backoff strategy for grading: honour the provider's Retry-After on 429, otherwise
 * exponential with jitter so a fleet of workers does not retry in lock-step.
 */
export function gradingBackoff(attemptsMade: number, _type?: string, err?: Error): number {
  if (err instanceof RetryableGradeError && typeof err.retryAfterMs === 'number') {
    return Math.min(err.retryAfterMs, MAX_DELAY_MS);
  }
  const base = 1_000 * 2 ** Math.max(0, attemptsMade - 1);
  return Math.round(Math.min(base, MAX_DELAY_MS) * (0.75 + Math.random() * 0.5));
}
