import websocket from '@fastify/websocket';
import type { AppConfig } from '@interview/config';
import type { Db } from '@interview/db';
import type { EventBus } from '@interview/events';
import type { Grader } from '@interview/grader';
import type { QueueRuntime } from '@interview/queue';
import type { FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Redis } from 'ioredis';
import authRoutes from './features/auth/auth.routes';
import orgRoutes from './features/org/org.routes';
import authGuard from './plugins/app/auth-guard';
import errorHandler from './plugins/app/error-handler';
import rateLimit from './plugins/external/rate-limit';
import session from './plugins/external/session';
import staticWeb from './plugins/external/static-web';
import healthRoutes from './routes/health/index';

/** What the HTTP app needs from the composition root. */
export interface AppDeps {
  config: AppConfig;
  db: Db;
  queues: Pick<QueueRuntime, 'add' | 'backend' | 'queue'>;
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
  await fastify.register(session, { config: deps.config, db: deps.db });
  await fastify.register(rateLimit, { redis: deps.redis });
  await fastify.register(authGuard, { db: deps.db });
  await fastify.register(websocket, { options: { maxPayload: 64 * 1024 } });
  await fastify.register(healthRoutes, { deps });
  await fastify.register(authRoutes, { db: deps.db, authRateLimitPerMin: env.AUTH_RATE_LIMIT_PER_MIN });
  await fastify.register(orgRoutes, { db: deps.db, publicUrl: env.PUBLIC_URL, authRateLimitPerMin: env.AUTH_RATE_LIMIT_PER_MIN });
  await fastify.register(staticWeb, { root: opts.webRoot });
}
