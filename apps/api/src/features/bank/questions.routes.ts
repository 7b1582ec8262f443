import { IdParams, ListQuestionsQuery, QuestionDetail, QuestionPage } from '@interview/contracts/api';
import type { Db } from '@interview/db';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { principalOf } from '../../plugins/app/auth-guard';
import { createQuestionService } from './questions.service';

/** The question-bank browser. Reviewer and up: question text never reaches candidates outside an interview. */
export default async function questionRoutes(fastify: FastifyInstance, opts: { db: Db }) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const questions = createQuestionService({ db: opts.db });
  const tags = ['question bank'];

  app.get(
    '/api/questions',
    { config: { auth: 'reviewer' }, schema: { tags, querystring: ListQuestionsQuery, response: { 200: QuestionPage } } },
    async (request) => questions.search(principalOf(request), request.query),
  );

  app.get(
    '/api/questions/:id',
    { config: { auth: 'reviewer' }, schema: { tags, params: IdParams, response: { 200: QuestionDetail } } },
    async (request) => questions.get(principalOf(request), request.params.id),
  );
}
