import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../app';
import { withTimeout } from '../../metrics/scrape';

/** Under the readiness probe's 3 s timeout (infra/k8s), so a hung dependency reads as a clear 503, not a probe timeout. */
const CHECK_TIMEOUT_MS = 2_000;

/** Liveness names the runtime; readiness checks the database and the queue, and goes false while draining. */
export default async function healthRoutes(app: FastifyInstance, opts: { deps: Pick<AppDeps, 'config' | 'db' | 'queues' | 'isDraining'> }) {
  const { config, db, queues, isDraining } = opts.deps;

  app.get('/healthz', { schema: { tags: ['health'] } }, async () => ({
    status: 'ok',
    profile: config.profile,
    queueBackend: config.queueBackend,
    grader: config.grader,
    transcription: config.transcription,
    role: config.env.ROLE,
  }));

  app.get('/readyz', { schema: { tags: ['health'] } }, async (_request, reply) => {
    if (isDraining()) return reply.status(503).send({ ready: false, reason: 'draining' });
    // Both at once: a probe's latency is the slower check, not the sum.
    const [database, queue] = await Promise.allSettled([
      withTimeout(db.execute(sql`select 1`), CHECK_TIMEOUT_MS, 'database check'),
      withTimeout(queues.queue('grade-answer').getJobCounts('waiting'), CHECK_TIMEOUT_MS, 'queue check'),
    ]);
    if (database.status === 'rejected') return reply.status(503).send({ ready: false, reason: 'database unavailable' });
    if (queue.status === 'rejected') {
      return reply.status(503).send({ ready: false, reason: `queue backend (${queues.backend}) unavailable` });
    }
    return { ready: true, queueBackend: queues.backend };
  });
}
