import type { Env } from '@interview/config';
import type { LlmPricing } from '@interview/grader';

/**
 * List prices in USD per million tokens for common hosted models (longest prefix wins).
 * Self-hosted endpoints (vLLM, Ollama, LM Studio) cost nothing per token and are left unpriced;
 * set LLM_PRICE_* to price any model, including these.
 */
const PRICE_TABLE: Record<string, LlmPricing> = {
  'gpt-4o-mini': { inputPerMTok: 0.15, cachedInputPerMTok: 0.075, outputPerMTok: 0.6 },
  'gpt-4o': { inputPerMTok: 2.5, cachedInputPerMTok: 1.25, outputPerMTok: 10 },
  'gpt-4.1-nano': { inputPerMTok: 0.1, cachedInputPerMTok: 0.025, outputPerMTok: 0.4 },
  'gpt-4.1-mini': { inputPerMTok: 0.4, cachedInputPerMTok: 0.1, outputPerMTok: 1.6 },
  'gpt-4.1': { inputPerMTok: 2, cachedInputPerMTok: 0.5, outputPerMTok: 8 },
  'gpt-5-nano': { inputPerMTok: 0.05, cachedInputPerMTok: 0.005, outputPerMTok: 0.4 },
  'gpt-5-mini': { inputPerMTok: 0.25, cachedInputPerMTok: 0.025, outputPerMTok: 2 },
  'gpt-5': { inputPerMTok: 1.25, cachedInputPerMTok: 0.125, outputPerMTok: 10 },
};

type PriceEnv = Pick<Env, 'LLM_MODEL' | 'LLM_PRICE_INPUT_PER_MTOK' | 'LLM_PRICE_CACHED_INPUT_PER_MTOK' | 'LLM_PRICE_OUTPUT_PER_MTOK'>;

export function resolvePricing(env: PriceEnv): LlmPricing | undefined {
  if (env.LLM_PRICE_INPUT_PER_MTOK !== undefined && env.LLM_PRICE_OUTPUT_PER_MTOK !== undefined) {
    return {
      inputPerMTok: env.LLM_PRICE_INPUT_PER_MTOK,
      cachedInputPerMTok: env.LLM_PRICE_CACHED_INPUT_PER_MTOK,
      outputPerMTok: env.LLM_PRICE_OUTPUT_PER_MTOK,
    };
  }
  const model = (env.LLM_MODEL ?? '').toLowerCase().replace(/^.*\//, '');
  const key = Object.keys(PRICE_TABLE)
    .filter((k) => model.startsWith(k))
    .sort((a, b) => b.length - a.length)[0];
  return key ? PRICE_TABLE[key] : undefined;
}
