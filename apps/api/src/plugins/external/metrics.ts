import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { collectDefaultMetrics, Registry } from 'prom-client';
import type { AppDeps } from '../../app';
import { registerGradeMetrics } from '../../metrics/grades';
import { registerHttpMetrics } from '../../metrics/http';
import { registerQueueMetrics } from '../../metrics/queues';
import { registry as processRegistry } from '../../metrics/registry';

/**
 * Prometheus metrics at /metrics. Process-wide figures (default process metrics, WebSocket
 * connections) live in the shared registry; this app's own (HTTP, queues, grades) in a registry
 * of its own, so several apps in one process (tests) never clash. Registered before the routes so
 * its onResponse hook times all of them.
 */
export default fp(async function metrics(app: FastifyInstance, opts: { deps: Pick<AppDeps, 'db' | 'queues'> }) {
  if (!processRegistry.getSingleMetric('process_cpu_user_seconds_total')) collectDefaultMetrics({ register: processRegistry });
  const appRegistry = new Registry();
  registerHttpMetrics(app, appRegistry);
  registerQueueMetrics(appRegistry, opts.deps.queues, app.log);
  registerGradeMetrics(appRegistry, opts.deps.db, app.log);

  // Public on purpose: Prometheus scrapes it from inside the cluster, with no session. The base
  // ingress forwards every path to the API, so deny /metrics there if the figures must stay private.
  app.get('/metrics', { schema: { hide: true }, config: { auth: 'public' } }, async (_request, reply) => {
    const merged = Registry.merge([processRegistry, appRegistry]);
    return reply.type(merged.contentType).send(await merged.metrics());
  });
});
