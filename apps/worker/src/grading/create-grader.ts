import type { Env } from '@interview/config';
import { createLlmGrader, type Grader, offlineGrader } from '@interview/grader';
import OpenAI from 'openai';
import { resolvePricing } from './pricing';

type LlmEnv = Pick<
  Env,
  | 'LLM_BASE_URL'
  | 'LLM_API_KEY'
  | 'LLM_MODEL'
  | 'LLM_TIMEOUT_MS'
  | 'GRADER_SAMPLES'
  | 'LLM_PRICE_INPUT_PER_MTOK'
  | 'LLM_PRICE_CACHED_INPUT_PER_MTOK'
  | 'LLM_PRICE_OUTPUT_PER_MTOK'
>;

/** The LLM grader when a model is configured, otherwise the deterministic offline grader. */
export function createGrader(env: LlmEnv): Grader {
  if (!env.LLM_MODEL) return offlineGrader;
  // BullMQ owns retries (with Retry-After), so the SDK must not retry underneath it.
  const client = new OpenAI({
    baseURL: env.LLM_BASE_URL,
    apiKey: env.LLM_API_KEY ?? 'not-needed',
    maxRetries: 0,
    timeout: env.LLM_TIMEOUT_MS,
  });
  return createLlmGrader({ client, model: env.LLM_MODEL, samples: env.GRADER_SAMPLES, pricing: resolvePricing(env) });
}
