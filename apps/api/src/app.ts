import websocket from '@fastify/websocket';
import type { AppConfig } from '@interview/config';
import type { Db } from '@interview/db';
import type { EventBus } from '@interview/events';
import type { QueueRuntime } from '@interview/queue';
import type { FastifyInstance } from 'fastify';
import errorHandler from './plugins/app/error-handler';
import staticWeb from './plugins/external/static-web';
import healthRoutes from './routes/health/index';

/** What the HTTP app needs from the composition root. */
export interface AppDeps {
  config: AppConfig;
  db: Db;
  queues: Pick<QueueRuntime, 'add' | 'backend'>;
  /** Grade and transcript events from workers, for the interview room. */
  events: Pick<EventBus, 'subscribe' | 'kind'>;
  isDraining: () => boolean;
}

export interface AppOptions {
  deps: AppDeps;
  /** Folder of the built web app; tests point it elsewhere or leave it unbuilt. */
  webRoot?: string;
}

/** The whole API as one Fastify plugin: server.ts listens, tests inject. */
export default async function app(fastify: FastifyInstance, opts: AppOptions) {
  await fastify.register(errorHandler);
  await fastify.register(websocket, { options: { maxPayload: 64 * 1024 } });
  await fastify.register(healthRoutes, { deps: opts.deps });
  await fastify.register(staticWeb, { root: opts.webRoot });
}
