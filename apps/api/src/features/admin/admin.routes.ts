import { QUEUE_NAMES } from '@interview/contracts/jobs';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app';
import { withTimeout } from '../../metrics/scrape';

const JOB_STATES = ['waiting', 'active', 'delayed', 'failed', 'completed'] as const;
/** A dead backend answers within this, so the admin screen never hangs. */
const QUEUE_TIMEOUT_MS = 1_500;

const JobCounts = z.object({
  waiting: z.number(),
  active: z.number(),
  delayed: z.number(),
  failed: z.number(),
  completed: z.number(),
});

export const QueueHealth = z.object({
  backend: z.enum(['redis', 'postgres']),
  checkedAt: z.iso.datetime(),
  queues: z.array(
    z.object({
      name: z.enum(QUEUE_NAMES),
      /** Whether the backend answered in time. */
      up: z.boolean(),
      /** null when the backend did not answer; `error` says why. */
      counts: JobCounts.nullable(),
      error: z.string().nullable(),
    }),
  ),
});

/** Operational views for the organisation's admins: job counts per queue (shared by every organisation). */
export default async function adminRoutes(fastify: FastifyInstance, opts: { queues: Pick<AppDeps['queues'], 'backend' | 'queue'> }) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { queues } = opts;

  app.get('/api/admin/queues', { config: { auth: 'admin' }, schema: { tags: ['admin'], response: { 200: QueueHealth } } }, async () => ({
    backend: queues.backend,
    checkedAt: new Date().toISOString(),
    queues: await Promise.all(
      QUEUE_NAMES.map(async (name) => {
        try {
          const raw = await withTimeout(queues.queue(name).getJobCounts(...JOB_STATES), QUEUE_TIMEOUT_MS, `job counts of ${name}`);
          const counts = Object.fromEntries(JOB_STATES.map((s) => [s, raw[s] ?? 0])) as z.infer<typeof JobCounts>;
          return { name, up: true, counts, error: null };
        } catch (err) {
          fastify.log.warn({ err: (err as Error).message, queue: name }, 'queue counts unavailable');
          return { name, up: false, counts: null, error: `The queue backend failed or did not answer within ${QUEUE_TIMEOUT_MS} ms` };
        }
      }),
    ),
  }));
}
