import { SessionInfo, SignInBody, SignUpBody, SwitchOrgBody } from '@interview/contracts/api';
import type { Db } from '@interview/db';
import { getUser, listUserMemberships } from '@interview/db/queries/orgs';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ForbiddenError, UnauthorizedError } from '../../errors';
import { principalOf } from '../../plugins/app/auth-guard';
import { createAuthService } from './auth.service';

/** A fresh session id on every sign-in, so a planted cookie can never be promoted (session fixation). */
export async function startSession(request: FastifyRequest, who: { userId: string; orgId?: string }) {
  await request.session.regenerate();
  request.session.userId = who.userId;
  request.session.orgId = who.orgId;
}

export async function sessionInfo(db: Db, request: FastifyRequest, reply: FastifyReply) {
  const userId = request.session.userId;
  const user = userId ? await getUser(db, { userId }) : null;
  if (!user) throw new UnauthorizedError();
  const memberships = await listUserMemberships(db, { userId: user.id });
  const organisation = memberships.find((m) => m.orgId === request.session.orgId) ?? memberships[0];
  if (!organisation) throw new ForbiddenError('This account belongs to no organisation', 'no_organisation');
  request.session.orgId = organisation.orgId;
  return {
    user: { id: user.id, email: user.email, name: user.name },
    organisation,
    memberships,
    csrfToken: reply.generateCsrf(),
  };
}

export default async function authRoutes(fastify: FastifyInstance, opts: { db: Db; authRateLimitPerMin: number }) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const auth = createAuthService(opts);
  const rateLimit = { max: opts.authRateLimitPerMin, timeWindow: '1 minute' };

  app.post(
    '/api/auth/sign-up',
    { config: { auth: 'public', rateLimit }, schema: { tags: ['auth'], body: SignUpBody, response: { 201: SessionInfo } } },
    async (request, reply) => {
      const who = await auth.signUp(request.body);
      await startSession(request, who);
      return reply.status(201).send(await sessionInfo(opts.db, request, reply));
    },
  );

  app.post(
    '/api/auth/sign-in',
    { config: { auth: 'public', rateLimit }, schema: { tags: ['auth'], body: SignInBody, response: { 200: SessionInfo } } },
    async (request, reply) => {
      const who = await auth.signIn({ ...request.body, ip: request.ip });
      await startSession(request, who);
      return sessionInfo(opts.db, request, reply);
    },
  );

  app.post('/api/auth/sign-out', { schema: { tags: ['auth'], response: { 204: z.null() } } }, async (request, reply) => {
    await request.session.destroy();
    return reply.status(204).send(null);
  });

  app.get('/api/auth/session', { schema: { tags: ['auth'], response: { 200: SessionInfo } } }, async (request, reply) =>
    sessionInfo(opts.db, request, reply),
  );

  app.post(
    '/api/auth/switch-org',
    { schema: { tags: ['auth'], body: SwitchOrgBody, response: { 200: SessionInfo } } },
    async (request, reply) => {
      const { userId } = principalOf(request);
      const memberships = await listUserMemberships(opts.db, { userId });
      // Not a member and no such organisation answer alike, so ids of other organisations leak nothing.
      if (!memberships.some((m) => m.orgId === request.body.orgId)) throw new ForbiddenError('You are not a member of that organisation');
      request.session.orgId = request.body.orgId;
      return sessionInfo(opts.db, request, reply);
    },
  );
}
