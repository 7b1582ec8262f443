import {
  Agreement,
  AgreementQuery,
  Comparison,
  DecisionBody,
  DecisionRecord,
  GradeParams,
  IdParams,
  OverrideBody,
  OverrideResult,
  ReleaseResult,
  TemplateQuery,
  Transcript,
} from '@interview/contracts/api';
import type { Db } from '@interview/db';
import { findInterview } from '@interview/db/queries/review';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { NotFoundError } from '../../errors';
import { principalOf } from '../../plugins/app/auth-guard';
import { buildAgreement } from './agreement';
import exportRoutes from './export.routes';
import interviewResultsRoutes from './interview-results.routes';
import { buildOrgReport, templateForOrg } from './org-report';
import { overrideScore, recordDecision, releaseInterview } from './review-actions';
import { buildTranscript } from './transcript';

/** The reviewer API: transcripts, overrides, decisions, releases, comparison, exports and agreement. */
export default async function reviewRoutes(fastify: FastifyInstance, opts: { db: Db }) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db } = opts;
  const tags = ['review'];
  const reviewer = { auth: 'reviewer' as const };

  await fastify.register(interviewResultsRoutes, opts);
  await fastify.register(exportRoutes, opts);

  app.get(
    '/api/review/interviews/:id/transcript',
    { config: reviewer, schema: { tags, params: IdParams, response: { 200: Transcript } } },
    async (request) => {
      const interview = await findInterview(db, { orgId: principalOf(request).orgId, interviewId: request.params.id });
      if (!interview) throw new NotFoundError('Interview');
      return buildTranscript(db, interview);
    },
  );

  app.post(
    '/api/review/grades/:gradeId/overrides',
    { config: reviewer, schema: { tags, params: GradeParams, body: OverrideBody, response: { 201: OverrideResult } } },
    async (request, reply) => reply.status(201).send(await overrideScore(db, principalOf(request), request.params.gradeId, request.body)),
  );

  app.put(
    '/api/review/interviews/:id/decision',
    { config: reviewer, schema: { tags, params: IdParams, body: DecisionBody, response: { 200: DecisionRecord } } },
    async (request) => recordDecision(db, principalOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/review/interviews/:id/release',
    { config: reviewer, schema: { tags, params: IdParams, response: { 200: ReleaseResult } } },
    async (request) => releaseInterview(db, principalOf(request), request.params.id),
  );

  app.get(
    '/api/review/compare',
    { config: reviewer, schema: { tags, querystring: TemplateQuery, response: { 200: Comparison } } },
    async (request) => {
      const { orgId } = principalOf(request);
      const template = await templateForOrg(db, { orgId, templateId: request.query.templateId });
      const report = await buildOrgReport(db, { orgId, template });
      return { template: report.template ?? template, candidates: report.interviews };
    },
  );

  app.get(
    '/api/review/agreement',
    { config: reviewer, schema: { tags, querystring: AgreementQuery, response: { 200: Agreement } } },
    async (request) => buildAgreement(db, { orgId: principalOf(request).orgId, rubricId: request.query.rubricId }),
  );
}
