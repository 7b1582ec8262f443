import {
  ForkRubricBody,
  IdParams,
  ListRubricsQuery,
  RubricDetail,
  RubricDiff,
  RubricDiffQuery,
  RubricPage,
  RubricVersionDetail,
  RubricVersionParams,
  SaveDraftBody,
} from '@interview/contracts/api';
import type { Db } from '@interview/db';
import type { Grader } from '@interview/grader';
import type { QueueRuntime } from '@interview/queue';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { principalOf } from '../../plugins/app/auth-guard';
import regradeRoutes from './regrade.routes';
import rubricGradingRoutes from './rubric-grading.routes';
import { createRubricService } from './rubrics.service';

export interface RubricRoutesOptions {
  db: Db;
  grader: Grader;
  queues: Pick<QueueRuntime, 'add'>;
  /** Deadline for synchronous grading (try, calibration runs). */
  gradeTimeoutMs?: number;
}

/** Rubrics, versions, drafts and diffs; grading (try, calibration) and regrades in their own files. */
export default async function rubricsRoutes(fastify: FastifyInstance, opts: RubricRoutesOptions) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const rubrics = createRubricService({ db: opts.db });
  const tags = ['rubrics'];

  app.get(
    '/api/rubrics',
    { config: { auth: 'reviewer' }, schema: { tags, querystring: ListRubricsQuery, response: { 200: RubricPage } } },
    async (request) => rubrics.list(principalOf(request), request.query),
  );

  app.get(
    '/api/rubrics/:id',
    { config: { auth: 'reviewer' }, schema: { tags, params: IdParams, response: { 200: RubricDetail } } },
    async (request) => rubrics.detail(principalOf(request), request.params.id),
  );

  app.get(
    '/api/rubrics/:id/versions/:versionId',
    { config: { auth: 'reviewer' }, schema: { tags, params: RubricVersionParams, response: { 200: RubricVersionDetail } } },
    async (request) => rubrics.version(principalOf(request), request.params.id, request.params.versionId),
  );

  app.post(
    '/api/rubrics/:id/fork',
    { config: { auth: 'admin' }, schema: { tags, params: IdParams, body: ForkRubricBody, response: { 201: RubricDetail } } },
    async (request, reply) => reply.status(201).send(await rubrics.fork(principalOf(request), request.params.id, request.body)),
  );

  app.put(
    '/api/rubrics/:id/draft',
    { config: { auth: 'admin' }, schema: { tags, params: IdParams, body: SaveDraftBody, response: { 200: RubricVersionDetail } } },
    async (request) => rubrics.saveDraft(principalOf(request), request.params.id, request.body.definition),
  );

  app.post(
    '/api/rubrics/:id/publish',
    { config: { auth: 'admin' }, schema: { tags, params: IdParams, response: { 200: RubricVersionDetail } } },
    async (request) => rubrics.publish(principalOf(request), request.params.id),
  );

  app.get(
    '/api/rubrics/:id/diff',
    { config: { auth: 'reviewer' }, schema: { tags, params: IdParams, querystring: RubricDiffQuery, response: { 200: RubricDiff } } },
    async (request) => rubrics.diff(principalOf(request), request.params.id, request.query),
  );

  await fastify.register(rubricGradingRoutes, { db: opts.db, grader: opts.grader, rubrics, timeoutMs: opts.gradeTimeoutMs });
  await fastify.register(regradeRoutes, { db: opts.db, queues: opts.queues });
}
