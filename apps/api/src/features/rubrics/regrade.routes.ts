import { RegradeAccepted, RegradeBody, RegradeDiff, RegradeDiffQuery, VersionParams } from '@interview/contracts/api';
import type { Db } from '@interview/db';
import type { QueueRuntime } from '@interview/queue';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { principalOf } from '../../plugins/app/auth-guard';
import { createRegradeService } from './regrade.service';

/** Regrading the organisation's answers under a published version, and the before/after diff. */
export default async function regradeRoutes(fastify: FastifyInstance, opts: { db: Db; queues: Pick<QueueRuntime, 'add'> }) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const regrades = createRegradeService(opts);
  const tags = ['rubrics'];

  app.post(
    '/api/rubrics/versions/:versionId/regrade',
    { config: { auth: 'admin' }, schema: { tags, params: VersionParams, body: RegradeBody, response: { 202: RegradeAccepted } } },
    async (request, reply) => reply.status(202).send(await regrades.enqueue(principalOf(request), request.params.versionId, request.body)),
  );

  app.get(
    '/api/rubrics/versions/:versionId/regrade-diff',
    {
      config: { auth: 'reviewer' },
      schema: { tags, params: VersionParams, querystring: RegradeDiffQuery, response: { 200: RegradeDiff } },
    },
    async (request) => regrades.diff(principalOf(request), request.params.versionId, request.query),
  );
}
