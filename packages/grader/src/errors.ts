import { APIConnectionError, APIError, APIUserAbortError } from 'openai';

/** Base class of the errors a grader throws; `retryable` tells the job runner what to do. */
export abstract class GradeError extends Error {
  abstract readonly retryable: boolean;
}

/** Transient: rate limit, provider outage, network failure, timeout. Retry later. */
export class RetryableGradeError extends GradeError {
  readonly retryable = true as const;
  /** Provider-requested delay before retrying (from Retry-After), or null when none was given. */
  readonly retryAfterMs: number | null;
  readonly status: number | null;

  constructor(message: string, options: { retryAfterMs?: number | null; status?: number | null; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'RetryableGradeError';
    this.retryAfterMs = options.retryAfterMs ?? null;
    this.status = options.status ?? null;
  }
}

/** Will fail the same way again: bad request, auth, unusable model output. Do not retry. */
export class PermanentGradeError extends GradeError {
  readonly retryable = false as const;
  readonly status: number | null;

  constructor(message: string, options: { status?: number | null; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'PermanentGradeError';
    this.status = options.status ?? null;
  }
}

type HeaderSource = Headers | Record<string, string | string[] | undefined> | null | undefined;

function header(headers: HeaderSource, name: string): string | null {
  if (!headers) return null;
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name);
  const rec = headers as Record<string, string | string[] | undefined>;
  const key = Object.keys(rec).find((k) => k.toLowerCase() === name);
  const v = key === undefined ? undefined : rec[key];
  return Array.isArray(v) ? (v[0] ?? null) : (v ?? null);
}

/**
 * Delay requested by the provider, in ms: `retry-after-ms` (OpenAI), else `Retry-After` as
 * delta-seconds (fractions allowed) or an HTTP date. Null when absent or unparseable.
 */
export function parseRetryAfter(headers: HeaderSource, nowMs: number = Date.now()): number | null {
  const ms = header(headers, 'retry-after-ms');
  if (ms !== null && /^\s*\d+(?:\.\d+)?\s*$/.test(ms)) return Math.max(0, Math.round(Number(ms)));
  const value = header(headers, 'retry-after');
  if (value === null || value.trim() === '') return null;
  if (/^\s*\d+(?:\.\d+)?\s*$/.test(value)) return Math.max(0, Math.round(Number(value) * 1000));
  const date = Date.parse(value);
  if (Number.isNaN(date)) return null;
  return Math.max(0, date - nowMs);
}

/**
 * Maps anything thrown while calling the provider onto the two grade errors:
 * 429, 408, 409, 5xx, connection errors and timeouts are retryable (429 keeps Retry-After);
 * every other 4xx is permanent. Unknown errors are permanent, since retrying a bug does not help.
 */
export function toGradeError(err: unknown): GradeError {
  if (err instanceof GradeError) return err;
  if (err instanceof APIUserAbortError) return new RetryableGradeError(`request aborted: ${err.message}`, { cause: err });
  // APIConnectionError (and its timeout subclass) extends APIError with no status, so test it first.
  if (err instanceof APIConnectionError) return new RetryableGradeError(`provider unreachable: ${err.message}`, { cause: err });
  if (err instanceof APIError) {
    const status = err.status ?? null;
    if (status === null) return new RetryableGradeError(`provider error without status: ${err.message}`, { cause: err });
    if (status === 429 || status === 408 || status === 409 || status >= 500) {
      return new RetryableGradeError(`provider returned ${status}: ${err.message}`, {
        status,
        retryAfterMs: parseRetryAfter(err.headers),
        cause: err,
      });
    }
    return new PermanentGradeError(`provider rejected the request (${status}): ${err.message}`, { status, cause: err });
  }
  const message = err instanceof Error ? err.message : String(err);
  return new PermanentGradeError(`grading failed: ${message}`, { cause: err });
}
