import type { TestDbKind } from '../src/testing';

// Tests are composition roots too: this is where they read the env for real services.
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL || undefined;
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL || undefined;

/** Embedded always; Postgres only when TEST_DATABASE_URL names one. */
export const dbKinds: TestDbKind[] = TEST_DATABASE_URL ? ['embedded', 'postgres'] : ['embedded'];

/** Polls until `fn` returns something truthy; integration tests wait on real workers with it. */
export async function waitFor<T>(fn: () => Promise<T | null | undefined | 0 | false>, timeoutMs = 20_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 100));
  }
}
