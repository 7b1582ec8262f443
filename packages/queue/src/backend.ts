import { type ConnectionOptions, createPostgresBackend, Queue, Worker, withBackend } from 'bullmq';

export type QueueBackendOptions =
  | { kind: 'redis'; url: string }
  | {
      kind: 'postgres';
      connectionString: string;
      /**
       * BullMQ's schema. Embedded (pglite-socket) must use `public`: the socket multiplexes every
       * client onto one session, so BullMQ's per-connection search_path never applies there.
       */
      schema: string;
      /** Pool size per queue/worker instance. */
      poolMax?: number;
      /**
       * Longest idle wait before a worker polls again. BullMQ wakes workers with NOTIFY, which
       * pglite-socket cannot route to the listening connection, so embedded polls every second.
       */
      drainDelaySec?: number;
    };

/** ioredis options from a redis:// or rediss:// URL; BullMQ workers need maxRetriesPerRequest: null. */
export function redisOptions(url: string): ConnectionOptions {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port || 6379),
    username: u.username ? decodeURIComponent(u.username) : undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    db: u.pathname.length > 1 ? Number(u.pathname.slice(1)) : 0,
    tls: u.protocol === 'rediss:' ? {} : undefined,
    maxRetriesPerRequest: null,
  };
}

/**
 * Queue and Worker constructors bound to one backend, with the connection options to pass them:
 * `connection` for workers, `queueConnection` for queues (producers).
 */
export function bindBackend(options: QueueBackendOptions) {
  if (options.kind === 'redis') {
    const connection = redisOptions(options.url);
    // A producer must fail fast while Redis is unreachable: with ioredis' offline queue an add
    // hangs for the whole outage (a submit request with it), instead of failing so the caller
    // can rely on the sweeper. Workers keep the offline queue and simply resume.
    const queueConnection = { ...connection, enableOfflineQueue: false };
    return { Queue, Worker, connection: connection as never, queueConnection: queueConnection as never };
  }
  const { Queue: PgQueue, Worker: PgWorker } = withBackend(createPostgresBackend);
  const connection = { connectionString: options.connectionString, schema: options.schema, migrate: true, max: options.poolMax ?? 4 };
  return {
    Queue: PgQueue as unknown as typeof Queue,
    Worker: PgWorker as unknown as typeof Worker,
    connection: connection as never,
    queueConnection: connection as never,
  };
}
