import type { TestDbKind } from '../src/testing';

// Tests are composition roots too: this is where they read the env for real services.
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL || undefined;
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL || undefined;

/** Embedded always; Postgres only when TEST_DATABASE_URL names one. */
export const dbKinds: TestDbKind[] = TEST_DATABASE_URL ? ['embedded', 'postgres'] : ['embedded'];
