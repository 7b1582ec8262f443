import { IdParams, TemplateBody, TemplateDetail, TemplateSummary } from '@interview/contracts/api';
import type { Db } from '@interview/db';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf } from '../../plugins/app/auth-guard';
import { createTemplateService } from './templates.service';

/**
 * Interview templates. Any member may list them (no question text in the summary), reviewers read
 * the question list, admins write their organisation's own.
 */
export default async function templatesRoutes(fastify: FastifyInstance, opts: { db: Db }) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const templates = createTemplateService({ db: opts.db });
  const tags = ['templates'];

  app.get('/api/templates', { schema: { tags, response: { 200: z.array(TemplateSummary) } } }, async (request) =>
    templates.list(principalOf(request)),
  );

  app.get(
    '/api/templates/:id',
    { config: { auth: 'reviewer' }, schema: { tags, params: IdParams, response: { 200: TemplateDetail } } },
    async (request) => templates.get(principalOf(request), request.params.id),
  );

  app.post(
    '/api/templates',
    { config: { auth: 'admin' }, schema: { tags, body: TemplateBody, response: { 201: TemplateDetail } } },
    async (request, reply) => reply.status(201).send(await templates.create(principalOf(request), request.body)),
  );

  app.put(
    '/api/templates/:id',
    { config: { auth: 'admin' }, schema: { tags, params: IdParams, body: TemplateBody, response: { 200: TemplateDetail } } },
    async (request) => templates.update(principalOf(request), request.params.id, request.body),
  );

  app.delete(
    '/api/templates/:id',
    { config: { auth: 'admin' }, schema: { tags, params: IdParams, response: { 204: z.null() } } },
    async (request, reply) => {
      await templates.remove(principalOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
}
