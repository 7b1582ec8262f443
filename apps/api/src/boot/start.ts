import type { AppConfig } from '@interview/config';
import { withAdvisoryLock } from '@interview/db';
import type { EventBus } from '@interview/events';
import { createQueueRuntime, type QueueRuntime } from '@interview/queue';
import { createGrader, createTranscriber, startObservedWorkers, startTracing, startWorkers, type Tracing } from '@interview/worker';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import app from '../app';
import { requestIdOptions } from '../plugins/app/request-id';
import { type Database, openDatabase } from './database';
import { announceDemoLogins } from './demo-logins';
import { createEventBus } from './events';
import { seedBank, seedDemoOrganisation } from './seed';

const SEED_LOCK_KEY = 724_301_119;

export interface Running {
  database: Database;
  queues: QueueRuntime;
  events: EventBus;
  server: FastifyInstance | null;
  /** Stops taking work, drains in-flight jobs, then closes connections. */
  stop(): Promise<void>;
}

export function queueOptions(config: AppConfig, database: Pick<Database, 'queueConnection'>) {
  const prefix = config.env.QUEUE_PREFIX;
  return config.queueBackend === 'redis'
    ? ({ kind: 'redis', url: config.env.REDIS_URL!, prefix } as const)
    : ({ kind: 'postgres', ...database.queueConnection, prefix } as const);
}

/** Boots the roles that config.env.ROLE asks for, on whichever profile the env selects. */
export async function start(config: AppConfig, log: Logger, options: { webRoot?: string } = {}): Promise<Running> {
  const { env } = config;
  log.info(
    { profile: config.profile, queueBackend: config.queueBackend, grader: config.grader, role: env.ROLE },
    `starting: profile=${config.profile} queue=${config.queueBackend} grader=${config.grader} role=${env.ROLE}`,
  );
  const database = await openDatabase(config, (err) => log.warn({ err: err.message }, 'idle database connection lost'));
  // Traces only when a collector is configured; otherwise no OpenTelemetry module is even loaded.
  let tracing: Tracing | null = null;
  if (env.OTEL_EXPORTER_OTLP_ENDPOINT) {
    tracing = await startTracing({
      endpoint: env.OTEL_EXPORTER_OTLP_ENDPOINT,
      serviceName: env.OTEL_SERVICE_NAME || `mock-interview-${env.ROLE}`,
    });
    log.info({ endpoint: env.OTEL_EXPORTER_OTLP_ENDPOINT }, 'OpenTelemetry traces on');
  }
  const queues = createQueueRuntime({ ...queueOptions(config, database), telemetry: tracing?.telemetry });
  const events = createEventBus(config, database, (err) => log.warn({ err: err.message }, 'event bus error'));
  let draining = false;
  const grader = createGrader(env);

  let server: FastifyInstance | null = null;
  let redis: Redis | undefined;
  if (env.ROLE !== 'worker') {
    // Shared rate-limit counters; commands fail fast while Redis is down (the limiter then lets requests through).
    redis = env.REDIS_URL ? new Redis(env.REDIS_URL, { enableOfflineQueue: false, maxRetriesPerRequest: 1 }) : undefined;
    redis?.on('error', (err) => log.warn({ err: err.message }, 'rate-limit redis error'));
    const logins = await withAdvisoryLock(database.pool, SEED_LOCK_KEY, async () => {
      const summary = await seedBank(database.db);
      log.info(summary, 'question bank seeded');
      return env.SEED_DEMO ? seedDemoOrganisation(database.db) : [];
    });
    const fastify = Fastify({
      loggerInstance: log as FastifyBaseLogger,
      bodyLimit: 1024 * 1024,
      trustProxy: true,
      forceCloseConnections: 'idle',
      ...requestIdOptions,
    });
    server = fastify;
    await fastify.register(app, {
      deps: { config, db: database.db, queues, events, grader, redis, isDraining: () => draining },
      webRoot: options.webRoot,
    });
    const address = await fastify.listen({ host: env.HOST, port: env.PORT });
    const url = address.replace(/\/\/(0\.0\.0\.0|127\.0\.0\.1|\[::1?\])/, '//localhost');
    await announceDemoLogins(logins, { url, dataDir: config.profile === 'embedded' ? config.dataDir : null });
  }

  const workerDeps = { db: database.db, queues, events, grader, transcriber: createTranscriber(env), log, env };
  // A worker-only process gets its own health/metrics server (WORKER_METRICS_PORT); with the api
  // in the same process, the api's /healthz, /readyz and /metrics serve instead.
  const workers =
    env.ROLE === 'worker'
      ? await startObservedWorkers(workerDeps, { host: env.HOST, port: env.WORKER_METRICS_PORT || null })
      : env.ROLE === 'all'
        ? startWorkers(workerDeps)
        : null;

  return {
    database,
    queues,
    events,
    server,
    async stop() {
      draining = true;
      await server?.close();
      await workers?.close();
      redis?.disconnect();
      await queues.close();
      await events.close();
      await tracing?.shutdown();
      await database.close();
    },
  };
}
