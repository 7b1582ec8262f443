import {
  CreateInterviewBody,
  DraftBody,
  IdParams,
  InterviewState,
  ItemParams,
  PracticeInterviewBody,
  SubmitBody,
} from '@interview/contracts/api';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf } from '../../plugins/app/auth-guard';
import type { InterviewService } from './interview.service';

const DraftSaved = z.object({ itemId: z.uuid(), revision: z.number(), savedAt: z.iso.datetime() });
const Submitted = z.object({ replayed: z.boolean(), state: InterviewState });

/** The interview lifecycle over REST; the room's WebSocket offers the same moves. */
export default async function interviewRoutes(fastify: FastifyInstance, opts: { service: InterviewService }) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { service } = opts;
  const tags = ['interviews'];

  app.post(
    '/api/interviews',
    { config: { auth: 'reviewer' }, schema: { tags, body: CreateInterviewBody, response: { 201: InterviewState } } },
    async (request, reply) => reply.status(201).send(await service.create(principalOf(request), request.body)),
  );

  app.post(
    '/api/interviews/practice',
    { schema: { tags, body: PracticeInterviewBody, response: { 201: InterviewState } } },
    async (request, reply) => {
      const p = principalOf(request);
      return reply.status(201).send(await service.create(p, { ...request.body, candidateId: p.userId, mode: 'practice' }));
    },
  );

  app.get('/api/interviews/:id', { schema: { tags, params: IdParams, response: { 200: InterviewState } } }, async (request) =>
    service.view(principalOf(request), request.params.id),
  );

  app.post('/api/interviews/:id/start', { schema: { tags, params: IdParams, response: { 200: InterviewState } } }, async (request) =>
    service.start(principalOf(request), request.params.id),
  );

  app.put(
    '/api/interviews/:id/items/:itemId/draft',
    { schema: { tags, params: ItemParams, body: DraftBody, response: { 200: DraftSaved } } },
    async (request) => service.saveDraft(principalOf(request), request.params.id, { itemId: request.params.itemId, ...request.body }),
  );

  app.post(
    '/api/interviews/:id/items/:itemId/submit',
    { schema: { tags, params: ItemParams, body: SubmitBody, response: { 200: Submitted } } },
    async (request) =>
      service.submit(principalOf(request), request.params.id, request.params.itemId, { mode: 'typed', text: request.body.text }),
  );

  app.post('/api/interviews/:id/finish', { schema: { tags, params: IdParams, response: { 200: InterviewState } } }, async (request) =>
    service.finish(principalOf(request), request.params.id),
  );
}
