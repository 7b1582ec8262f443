import { ExportFormat, IdParams, OrgExportQuery, OrgReport, Transcript } from '@interview/contracts/api';
import type { Db } from '@interview/db';
import { findInterview } from '@interview/db/queries/review';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { NotFoundError } from '../../errors';
import { principalOf } from '../../plugins/app/auth-guard';
import { interviewCsv, orgCsv } from './export-csv';
import { buildOrgReport, templateForOrg } from './org-report';
import { buildTranscript } from './transcript';

/** Sends a report as a download; `name` is built from ids only, so it needs no escaping. */
function download<T>(reply: FastifyReply, name: string, format: 'json' | 'csv', body: T, csv: (body: T) => string) {
  reply.header('content-disposition', `attachment; filename="${name}.${format}"`);
  if (format === 'csv') return reply.type('text/csv; charset=utf-8').send(csv(body));
  return reply.type('application/json; charset=utf-8').send(body);
}

/** Reviewer reports as JSON or CSV files: one interview, or the organisation's interviews. */
export default async function exportRoutes(fastify: FastifyInstance, opts: { db: Db }) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db } = opts;
  const tags = ['review'];

  app.get(
    '/api/review/interviews/:id/export',
    {
      config: { auth: 'reviewer' },
      schema: { tags, params: IdParams, querystring: ExportFormat, response: { 200: Transcript.describe('JSON, or CSV with format=csv') } },
    },
    async (request, reply) => {
      const interview = await findInterview(db, { orgId: principalOf(request).orgId, interviewId: request.params.id });
      if (!interview) throw new NotFoundError('Interview');
      const transcript = await buildTranscript(db, interview);
      return download(reply, `interview-${interview.id}`, request.query.format, transcript, interviewCsv);
    },
  );

  app.get(
    '/api/review/export',
    {
      config: { auth: 'reviewer' },
      schema: { tags, querystring: OrgExportQuery, response: { 200: OrgReport.describe('JSON, or CSV with format=csv') } },
    },
    async (request, reply) => {
      const { orgId } = principalOf(request);
      const { templateId, format } = request.query;
      const template = templateId ? await templateForOrg(db, { orgId, templateId }) : null;
      const report = await buildOrgReport(db, { orgId, template });
      return download(reply, `interviews-${template?.id ?? 'all'}`, format, report, orgCsv);
    },
  );
}
