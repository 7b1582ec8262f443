import type { Env } from '@interview/config';

/** The api drains HTTP requests and WebSockets for up to this long after SIGTERM. */
export const GRACE_MS = 60_000;
/** Beyond one model call: time for a job in flight at SIGTERM to store its grade and ack. */
export const DRAIN_MARGIN_MS = 15_000;

/**
 * How long shutdown may take before the process exits anyway. A role that runs workers waits out
 * one full model call (LLM_TIMEOUT_MS) plus the margin; a job cut off even so is not lost: its
 * lock expires and another worker retries it (grade writes are upserts).
 */
export function shutdownGraceMs(env: Pick<Env, 'ROLE' | 'LLM_TIMEOUT_MS'>): number {
  return env.ROLE === 'api' ? GRACE_MS : Math.max(GRACE_MS, env.LLM_TIMEOUT_MS + DRAIN_MARGIN_MS);
}
