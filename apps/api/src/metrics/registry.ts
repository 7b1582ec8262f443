import { Gauge, Registry } from 'prom-client';

/**
 * The API's own Prometheus registry. Kept apart from prom-client's global one so several apps
 * in one process (tests boot many) never collide on metric names.
 */
export const registry = new Registry();

/** Open interview-room WebSockets in this process; the room handler calls inc() on open, dec() on close. */
export const wsConnections = new Gauge({
  name: 'interview_ws_connections',
  help: 'Open interview-room WebSocket connections in this API process',
  registers: [registry],
});
