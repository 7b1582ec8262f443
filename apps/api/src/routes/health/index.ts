import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../app';

/** Liveness names the runtime; readiness checks the database and goes false while draining. */
export default async function healthRoutes(app: FastifyInstance, opts: { deps: Pick<AppDeps, 'config' | 'db' | 'queues' | 'isDraining'> }) {
  const { config, db, queues, isDraining } = opts.deps;

  app.get('/healthz', async () => ({
    status: 'ok',
    profile: config.profile,
    queueBackend: config.queueBackend,
    grader: config.grader,
    transcription: config.transcription,
    role: config.env.ROLE,
  }));

  app.get('/readyz', async (_request, reply) => {
    if (isDraining()) return reply.status(503).send({ ready: false, reason: 'draining' });
    try {
      await db.execute(sql`select 1`);
    } catch {
      return reply.status(503).send({ ready: false, reason: 'database unavailable' });
    }
    return { ready: true, queueBackend: queues.backend };
  });
}
