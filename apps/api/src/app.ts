import websocket from '@fastify/websocket';
import type { AppConfig } from '@interview/config';
import type { Db } from '@interview/db';
import type { EventBus } from '@interview/events';
import type { Grader } from '@interview/grader';
import type { QueueRuntime } from '@interview/queue';
import type { FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Redis } from 'ioredis';
import adminRoutes from './features/admin/admin.routes';
import authRoutes from './features/auth/auth.routes';
import bankRoutes from './features/bank/bank.routes';
import interviewsFeature from './features/interviews/index';
import orgRoutes from './features/org/org.routes';
import reviewRoutes from './features/review/review.routes';
import rubricsRoutes from './features/rubrics/rubrics.routes';
import templatesRoutes from './features/templates/templates.routes';
import authGuard from './plugins/app/auth-guard';
import errorHandler from './plugins/app/error-handler';
import requestId from './plugins/app/request-id';
import metrics from './plugins/external/metrics';
import openapi from './plugins/external/openapi';
import rateLimit from './plugins/external/rate-limit';
import session from './plugins/external/session';
import staticWeb from './plugins/external/static-web';
import healthRoutes from './routes/health/index';

/** What the HTTP app needs from the composition root. */
export interface AppDeps {
  config: AppConfig;
  db: Db;
  queues: Pick<QueueRuntime, 'add' | 'backend' | 'queue' | 'worker'>;
  /** Room events: workers and other API processes publish, every API process relays to its sockets. */
  events: Pick<EventBus, 'subscribe' | 'publish' | 'kind'>;
  /** The configured grader (LLM or offline), for synchronous `try` grading of sample answers. */
  grader: Grader;
  /** Shared counters for rate limits in the scale-out profile. */
  redis?: Redis;
  isDraining: () => boolean;
}

export interface AppOptions {
  deps: AppDeps;
  /** Folder of the built web app; tests point it elsewhere or leave it unbuilt. */
  webRoot?: string;
}

/** The whole API as one Fastify plugin: server.ts listens, tests inject. */
export default async function app(fastify: FastifyInstance, opts: AppOptions) {
  const { deps } = opts;
  const { env } = deps.config;
  fastify.setValidatorCompiler(validatorCompiler);
  fastify.setSerializerCompiler(serializerCompiler);
  await fastify.register(errorHandler);
  await fastify.register(requestId);
  // Both before any route: metrics times every route, OpenAPI only sees routes added after it.
  await fastify.register(metrics, { deps });
  await fastify.register(openapi);
  // Before the auth guard: its onRequest hook marks upgrade requests, so a refused upgrade's socket is closed.
  await fastify.register(websocket, { options: { maxPayload: 64 * 1024 } });
  await fastify.register(session, { config: deps.config, db: deps.db });
  await fastify.register(rateLimit, { redis: deps.redis, prefix: env.QUEUE_PREFIX });
  await fastify.register(authGuard, { db: deps.db });
  await fastify.register(healthRoutes, { deps });
  await fastify.register(authRoutes, { db: deps.db, authRateLimitPerMin: env.AUTH_RATE_LIMIT_PER_MIN });
  await fastify.register(orgRoutes, { db: deps.db, publicUrl: env.PUBLIC_URL, authRateLimitPerMin: env.AUTH_RATE_LIMIT_PER_MIN });
  await fastify.register(interviewsFeature, { config: deps.config, db: deps.db, queues: deps.queues, events: deps.events });
  await fastify.register(reviewRoutes, { db: deps.db });
  await fastify.register(bankRoutes, { db: deps.db });
  await fastify.register(templatesRoutes, { db: deps.db });
  await fastify.register(rubricsRoutes, { db: deps.db, grader: deps.grader, queues: deps.queues });
  await fastify.register(adminRoutes, { queues: deps.queues });
  await fastify.register(staticWeb, { root: opts.webRoot });
}
