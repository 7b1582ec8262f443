import type { GradeResult } from '@interview/contracts/grade';
import { type GradeInput, type Grader, RetryableGradeError, toGradeError } from '@interview/grader';
import { AppError } from '../../errors';

/** Synchronous grading (try, calibration) gives up after this long; the worker path has its own retries. */
export const SYNC_GRADE_TIMEOUT_MS = 60_000;

export class GraderFailedError extends AppError {
  constructor(details?: unknown) {
    super(502, 'grader_failed', 'The grader could not grade this answer', details);
  }
}
export class GraderUnavailableError extends AppError {
  constructor(details?: unknown) {
    super(503, 'grader_unavailable', 'The grader is unavailable right now; try again shortly', details);
  }
}
export class GraderTimeoutError extends AppError {
  constructor(timeoutMs: number) {
    super(504, 'grader_timeout', `The grader did not answer within ${Math.round(timeoutMs / 1000)} s`, { timeoutMs });
  }
}

/** A grader failure as one of the three bodies above; provider internals stay in the log. */
export function toGraderHttpError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  const e = toGradeError(err);
  const status = (e as { status?: number | null }).status ?? null;
  if (e instanceof RetryableGradeError) {
    const retryAfterSec = e.retryAfterMs === null ? null : Math.ceil(e.retryAfterMs / 1000);
    return new GraderUnavailableError({ providerStatus: status, retryAfterSec });
  }
  return new GraderFailedError({ providerStatus: status });
}

/**
 * Grades with a deadline. The grader has no cancel hook, so a late reply is dropped rather than
 * aborted; the LLM client's own timeout ends the request soon after.
 */
export async function gradeWithTimeout(
  grader: Grader,
  input: GradeInput,
  options: { timeoutMs?: number; onError?: (err: unknown) => void } = {},
): Promise<GradeResult> {
  const timeoutMs = options.timeoutMs ?? SYNC_GRADE_TIMEOUT_MS;
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new GraderTimeoutError(timeoutMs)), timeoutMs);
  });
  try {
    return await Promise.race([grader.grade(input), deadline]);
  } catch (err) {
    options.onError?.(err);
    throw toGraderHttpError(err);
  } finally {
    clearTimeout(timer);
  }
}
