import type { AppConfig } from '@interview/config';
import type { Db } from '@interview/db';
import type { EventBus } from '@interview/events';
import { createLlmFollowupWriter } from '@interview/grader';
import type { QueueRuntime } from '@interview/queue';
import type { FastifyInstance } from 'fastify';
import OpenAI from 'openai';
import audioRoutes from '../answers/audio.routes';
import roomSocket from '../room/room.ws';
import { startDeadlineWorker } from './deadline-worker';
import { createFollowupPlanner } from './followups';
import interviewRoutes from './interview.routes';
import { createInterviewService } from './interview.service';

export interface InterviewsFeatureOptions {
  config: AppConfig;
  db: Db;
  queues: Pick<QueueRuntime, 'add' | 'worker'>;
  events: Pick<EventBus, 'publish' | 'subscribe'>;
}

/**
 * On real Postgres and Redis a new delayed job wakes a sleeping BullMQ worker. Through
 * pglite-socket NOTIFY never reaches the worker, which then sleeps until the soonest delayed
 * job it knew of; so the embedded profile sweeps every second instead of leaning on the job.
 */
function deadlineSweep(config: AppConfig) {
  return config.profile === 'embedded' ? { intervalMs: 1_000, graceMs: 250 } : { intervalMs: 15_000, graceMs: 10_000 };
}

/** A model phrases follow-ups only when one is configured; the rubric's wording is the fallback. */
function followupWriter(config: AppConfig) {
  const { env } = config;
  if (config.grader !== 'llm' || !env.LLM_MODEL) return null;
  const client = new OpenAI({ baseURL: env.LLM_BASE_URL, apiKey: env.LLM_API_KEY ?? 'not-needed', maxRetries: 0 });
  // The candidate is waiting for the next question: never longer than a few seconds.
  return createLlmFollowupWriter({ client, model: env.LLM_MODEL, timeoutMs: Math.min(env.LLM_TIMEOUT_MS, 8_000) });
}

/** Interview lifecycle: REST routes and the deadline worker, sharing one service. */
export default async function interviewsFeature(app: FastifyInstance, opts: InterviewsFeatureOptions) {
  const service = createInterviewService({
    db: opts.db,
    queues: opts.queues,
    events: opts.events,
    log: app.log,
    followups: createFollowupPlanner({ writer: followupWriter(opts.config) }),
    graceSec: opts.config.env.DEADLINE_GRACE_SEC,
  });
  const deadlines = startDeadlineWorker({
    db: opts.db,
    queues: opts.queues,
    service,
    log: app.log,
    sweep: deadlineSweep(opts.config),
  });
  app.addHook('onClose', () => deadlines.close());
  await app.register(interviewRoutes, { service });
  await app.register(roomSocket, { service, events: opts.events });
  await app.register(audioRoutes, { service, maxBytes: opts.config.env.AUDIO_MAX_BYTES });
}
