import type { Env } from '@interview/config';
import { createLlmGrader, type Grader, offlineGrader } from '@interview/grader';
import OpenAI from 'openai';

type LlmEnv = Pick<Env, 'LLM_BASE_URL' | 'LLM_API_KEY' | 'LLM_MODEL' | 'GRADER_SAMPLES'>;

/** The LLM grader when a model is configured, otherwise the deterministic offline grader. */
export function createGrader(env: LlmEnv): Grader {
  if (!env.LLM_MODEL) return offlineGrader;
  // BullMQ owns retries (with Retry-After), so the SDK must not retry underneath it.
  const client = new OpenAI({ baseURL: env.LLM_BASE_URL, apiKey: env.LLM_API_KEY ?? 'not-needed', maxRetries: 0, timeout: 60_000 });
  return createLlmGrader({ client, model: env.LLM_MODEL, samples: env.GRADER_SAMPLES });
}
