import { GradeError, type RetryableGradeError } from '../errors';

export interface RetryOptions {
  /** Retries after the first attempt. */
  retries: number;
  /** Backoff when the provider gave no Retry-After: base × 2^attempt, ±20% jitter, capped. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Upper bound on a provider-requested delay. */
  maxRetryAfterMs?: number;
  sleep?: (ms: number) => Promise<void>;
  onRetry?: (info: { attempt: number; delayMs: number; error: RetryableGradeError }) => void;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Delay before retry number `attempt` (0-based): the provider's Retry-After when given, else jittered exponential backoff. */
export function retryDelay(error: RetryableGradeError, attempt: number, options: RetryOptions, random: () => number = Math.random): number {
  if (error.retryAfterMs !== null) return Math.min(error.retryAfterMs, options.maxRetryAfterMs ?? 120_000);
  const base = (options.baseDelayMs ?? 1_000) * 2 ** attempt;
  return Math.round(Math.min(options.maxDelayMs ?? 30_000, base) * (0.8 + 0.4 * random()));
}

/**
 * Runs `fn`, retrying a `RetryableGradeError` up to `retries` times and honouring its
 * `retryAfterMs`. Anything else (including `PermanentGradeError`) is thrown at once.
 */
export async function withRetry<T>(fn: () => Promise<T>, options: RetryOptions): Promise<T> {
  const sleep = options.sleep ?? defaultSleep;
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (!(err instanceof GradeError) || !err.retryable || attempt >= options.retries) throw err;
      const error = err as RetryableGradeError;
      const delayMs = retryDelay(error, attempt, options);
      options.onRetry?.({ attempt: attempt + 1, delayMs, error });
      await sleep(delayMs);
    }
  }
}
