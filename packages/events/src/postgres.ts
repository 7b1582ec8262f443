import pg from 'pg';
import { createHandlerSet, type EventBus } from './bus';

const CHANNEL = 'interview_room_events';

/**
 * Single-server profile: LISTEN/NOTIFY on the app's Postgres. One dedicated listening
 * connection per process, re-established after a drop.
 */
export function createPostgresEventBus(options: { connectionString: string; pool: pg.Pool; onError?: (err: Error) => void }): EventBus {
  const handlers = createHandlerSet(() => options.onError?.(new Error('dropped an invalid event')));
  let listener: pg.Client | null = null;
  let closed = false;
  let reconnectTimer: NodeJS.Timeout | null = null;

  const connect = async () => {
    const client = new pg.Client({ connectionString: options.connectionString });
    client.on('notification', (msg) => {
      if (msg.channel === CHANNEL && msg.payload) handlers.emitRaw(msg.payload);
    });
    client.on('error', (err) => {
      options.onError?.(err);
      scheduleReconnect();
    });
    client.on('end', () => scheduleReconnect());
    await client.connect();
    await client.query(`LISTEN ${CHANNEL}`);
    listener = client;
  };
  const scheduleReconnect = () => {
    if (closed || reconnectTimer) return;
    listener = null;
    reconnectTimer = setTimeout(() => {
      reconnectTimer = null;
      connect().catch((err) => {
        options.onError?.(err as Error);
        scheduleReconnect();
      });
    }, 1_000);
    reconnectTimer.unref();
  };
  let started: Promise<void> | null = null;

  return {
    kind: 'postgres',
    async publish(event) {
      await options.pool.query('select pg_notify($1, $2)', [CHANNEL, JSON.stringify(event)]);
    },
    subscribe(handler) {
      started ??= connect().catch((err) => {
        options.onError?.(err as Error);
        scheduleReconnect();
      });
      return handlers.add(handler);
    },
    async close() {
      closed = true;
      if (reconnectTimer) clearTimeout(reconnectTimer);
      await started;
      await listener?.end().catch(() => {});
    },
  };
}
