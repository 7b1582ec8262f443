import { IdParams, InterviewResults, InterviewSummary, ListInterviewsQuery } from '@interview/contracts/api';
import type { Db } from '@interview/db';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf } from '../../plugins/app/auth-guard';
import { interviewWithResults, isReviewer } from './access';
import { listInterviewSummaries } from './interview-list';
import { buildInterviewResults } from './results';

/** Interview lists and results: candidates see their own, reviewers their organisation's. */
export default async function interviewResultsRoutes(fastify: FastifyInstance, opts: { db: Db }) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db } = opts;
  const tags = ['results'];

  app.get(
    '/api/interviews',
    { schema: { tags, querystring: ListInterviewsQuery, response: { 200: z.array(InterviewSummary) } } },
    async (request) => listInterviewSummaries(db, principalOf(request), request.query),
  );

  app.get('/api/interviews/:id/results', { schema: { tags, params: IdParams, response: { 200: InterviewResults } } }, async (request) => {
    const principal = principalOf(request);
    const interview = await interviewWithResults(db, principal, request.params.id);
    return buildInterviewResults(db, { interviewId: interview.id, onlyStarted: !isReviewer(principal) });
  });
}
