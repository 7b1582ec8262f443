import { resolve } from 'node:path';
import { type Env, EnvSchema } from './env';

export type Profile = 'embedded' | 'postgres' | 'scale-out';
export type QueueBackendKind = 'redis' | 'postgres';

export interface AppConfig {
  env: Env;
  profile: Profile;
  queueBackend: QueueBackendKind;
  grader: 'offline' | 'llm';
  /** Whether spoken answers are transcribed by a service, or fall back to the browser's captions. */
  transcription: 'service' | 'captions-only';
  dataDir: string;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses the environment once. The only function in the product that reads env vars. */
export function loadConfig(source: Record<string, string | undefined>): AppConfig {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  - ${i.path.join('.') || 'env'}: ${i.message}`);
    throw new ConfigError(`Invalid environment:\n${lines.join('\n')}`);
  }
  const env = parsed.data;
  const profile: Profile = !env.DATABASE_URL ? 'embedded' : env.REDIS_URL ? 'scale-out' : 'postgres';
  return {
    env,
    profile,
    queueBackend: profile === 'scale-out' ? 'redis' : 'postgres',
    grader: env.LLM_MODEL ? 'llm' : 'offline',
    transcription: env.TRANSCRIBE_BASE_URL || env.LLM_BASE_URL || env.TRANSCRIBE_API_KEY || env.LLM_API_KEY ? 'service' : 'captions-only',
    dataDir: resolve(env.DATA_DIR),
  };
}
