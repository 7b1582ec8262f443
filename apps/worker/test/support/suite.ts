import { afterAll, afterEach, beforeAll } from 'vitest';
import { type Backend, type BackendCase, openBackend } from './backends';
import { rubricQuestion } from './harness';
import { gradeFor, type LlmHandler } from './scripted-llm';

export interface BackendSuite {
  backend: Backend;
  /** A scripted reply that grades the sample question correctly. */
  ok: LlmHandler;
  /** Run (in reverse order) after each test, before the backend's queues are cleaned up. */
  closers: (() => Promise<void>)[];
}

/** Registers the hooks every worker suite needs: one database per describe, cleanup per test. */
export function useBackend(backendCase: BackendCase): BackendSuite {
  const suite = { closers: [] } as unknown as BackendSuite;
  beforeAll(async () => {
    suite.backend = await openBackend(backendCase);
    suite.ok = gradeFor((await rubricQuestion()).rubric);
  });
  afterEach(async () => {
    for (const close of suite.closers.splice(0).reverse()) await close();
    await suite.backend.cleanup();
  });
  afterAll(async () => {
    await suite.backend?.close();
  });
  return suite;
}
