import { z } from 'zod';

// An empty variable counts as unset, so `FOO=` in a compose file does not fail validation.
const unsetIfEmpty = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optionalUrl = z.preprocess(unsetIfEmpty, z.url().optional());

const intFrom = (def: number, min: number, max: number) => z.coerce.number().int().min(min).max(max).default(def);

/** Every environment variable the product reads. Parsed once, at the composition root. */
export const EnvSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    ROLE: z.enum(['all', 'api', 'worker']).default('all'),
    HOST: z.string().default('0.0.0.0'),
    PORT: intFrom(3000, 0, 65_535),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    DATA_DIR: z.string().min(1).default('./.data'),
    DATABASE_URL: optionalUrl,
    DATABASE_POOL_MAX: intFrom(10, 1, 200),
    REDIS_URL: optionalUrl,
    /** Schema for BullMQ's Postgres backend on a real Postgres (embedded always uses `public`). */
    QUEUE_PG_SCHEMA: z
      .string()
      .regex(/^[a-z_][a-z0-9_]*$/)
      .default('bullmq'),
    QUEUE_PREFIX: z
      .string()
      .regex(/^[a-z0-9-]*$/)
      .default(''),
    WORKER_CONCURRENCY: intFrom(8, 1, 512),
    /** Max grading jobs started per second across all workers (0 = unlimited). */
    WORKER_RATE_LIMIT_PER_SEC: intFrom(0, 0, 100_000),
    /** ROLE=worker only: port of the worker's /healthz, /readyz and /metrics server (0 = off). */
    WORKER_METRICS_PORT: intFrom(9464, 0, 65_535),
    LLM_BASE_URL: optionalUrl,
    LLM_API_KEY: z.string().optional(),
    LLM_MODEL: z.string().optional(),
    LLM_TIMEOUT_MS: intFrom(60_000, 1_000, 600_000),
    /** Price table override in USD per million tokens; unset = the built-in table for known models. */
    LLM_PRICE_INPUT_PER_MTOK: z.coerce.number().min(0).optional(),
    LLM_PRICE_CACHED_INPUT_PER_MTOK: z.coerce.number().min(0).optional(),
    LLM_PRICE_OUTPUT_PER_MTOK: z.coerce.number().min(0).optional(),
    /** OpenAI-compatible /audio/transcriptions; defaults to the LLM endpoint and key. */
    TRANSCRIBE_BASE_URL: optionalUrl,
    TRANSCRIBE_API_KEY: z.string().optional(),
    TRANSCRIBE_MODEL: z.string().default('whisper-1'),
    /** Self-consistency: grade n times and take the median per criterion. */
    GRADER_SAMPLES: intFrom(1, 1, 9),
    /** Signs session cookies; shared by every API process. Unset = generated once and kept in the database. */
    SESSION_SECRET: z.preprocess(unsetIfEmpty, z.string().min(32, 'SESSION_SECRET must be at least 32 characters').optional()),
    SESSION_TTL_HOURS: intFrom(168, 1, 24 * 90),
    /** Base URL for links we hand out (invitations); unset = taken from the request. */
    PUBLIC_URL: optionalUrl,
    /** Sign-in, sign-up and invitation attempts per client IP per minute. */
    AUTH_RATE_LIMIT_PER_MIN: intFrom(20, 1, 10_000),
    /** Largest spoken-answer upload accepted. */
    AUDIO_MAX_BYTES: intFrom(15 * 1024 * 1024, 1024, 200 * 1024 * 1024),
    /** Seconds added to every item deadline for network latency. */
    DEADLINE_GRACE_SEC: intFrom(5, 0, 120),
    /** OTLP/HTTP collector base URL (e.g. http://otel-collector:4318); set = traces on, unset = no SDK loaded. */
    OTEL_EXPORTER_OTLP_ENDPOINT: z.preprocess(unsetIfEmpty, z.url({ protocol: /^https?$/ }).optional()),
    /** Service name on the traces; unset = mock-interview-<ROLE>. */
    OTEL_SERVICE_NAME: z.string().optional(),
    SEED_DEMO: z
      .enum(['true', 'false'])
      .default('true')
      .transform((v) => v === 'true'),
  })
  .superRefine((env, ctx) => {
    if (env.REDIS_URL && !env.DATABASE_URL) {
      ctx.addIssue({
        code: 'custom',
        path: ['REDIS_URL'],
        message: 'REDIS_URL needs DATABASE_URL too: the scale-out profile keeps data in Postgres and jobs in Redis',
      });
    }
    if (env.ROLE !== 'all' && !env.DATABASE_URL) {
      ctx.addIssue({
        code: 'custom',
        path: ['ROLE'],
        message: `ROLE=${env.ROLE} needs DATABASE_URL: the embedded database lives inside one process, so run ROLE=all (pnpm start)`,
      });
    }
    if ((env.LLM_BASE_URL || env.LLM_API_KEY) && !env.LLM_MODEL) {
      ctx.addIssue({ code: 'custom', path: ['LLM_MODEL'], message: 'LLM_MODEL is required when an LLM endpoint is configured' });
    }
  });

export type Env = z.infer<typeof EnvSchema>;
