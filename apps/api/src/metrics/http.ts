import type { FastifyInstance } from 'fastify';
import { Histogram, type Registry } from 'prom-client';

/** Routes that are not timed: the scrape itself would only measure Prometheus. */
const UNTIMED = new Set(['/metrics']);

/**
 * Request latency labelled by route pattern (`/api/org/members/:userId`, never the raw URL) so
 * label cardinality stays bounded; requests matching no route share `route="unmatched"`.
 */
export function registerHttpMetrics(app: FastifyInstance, registry: Registry) {
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by method, route pattern and status code',
    labelNames: ['method', 'route', 'status_code'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    if (UNTIMED.has(route)) return;
    duration.observe({ method: request.method, route, status_code: String(reply.statusCode) }, reply.elapsedTime / 1000);
  });
}
