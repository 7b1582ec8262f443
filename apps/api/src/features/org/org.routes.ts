import {
  AcceptInvitationBody,
  AuditEntry,
  AuditQuery,
  ChangeRoleBody,
  CreatedInvitation,
  CreateInvitationBody,
  IdParams,
  Invitation,
  InvitationPreview,
  InvitationTokenParams,
  Member,
  SessionInfo,
} from '@interview/contracts/api';
import type { Db } from '@interview/db';
import { listAudit, recordAudit } from '@interview/db/queries/audit';
import {
  countOwners,
  deleteInvitation,
  getMembership,
  listInvitations,
  listMembers,
  removeMembership,
  setMembership,
} from '@interview/db/queries/orgs';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ConflictError, ForbiddenError, NotFoundError } from '../../errors';
import { principalOf } from '../../plugins/app/auth-guard';
import { sessionInfo, startSession } from '../auth/auth.routes';
import { createInvitationService } from './invitations.service';

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const UserParams = z.object({ userId: z.uuid() });

/** Members, invitations and the audit log of the signed-in user's current organisation. */
export default async function orgRoutes(fastify: FastifyInstance, opts: { db: Db; publicUrl?: string; authRateLimitPerMin: number }) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db } = opts;
  const invitations = createInvitationService({ db });
  const tags = ['organisation'];

  app.get(
    '/api/org/members',
    {
      config: { auth: 'reviewer' },
      schema: {
        tags,
        querystring: z.object({ role: z.enum(['owner', 'admin', 'reviewer', 'candidate']).optional() }),
        response: { 200: z.array(Member) },
      },
    },
    async (request) => {
      const rows = await listMembers(db, { orgId: principalOf(request).orgId, role: request.query.role });
      return rows.map((m) => ({ ...m, joinedAt: m.joinedAt.toISOString() }));
    },
  );

  app.patch(
    '/api/org/members/:userId',
    {
      config: { auth: 'admin' },
      schema: { tags, params: UserParams, body: ChangeRoleBody, response: { 200: Member.pick({ userId: true, role: true }) } },
    },
    async (request) => {
      const me = principalOf(request);
      const target = await getMembership(db, { orgId: me.orgId, userId: request.params.userId });
      if (!target) throw new NotFoundError('Member');
      const touchesOwner = target.role === 'owner' || request.body.role === 'owner';
      if (touchesOwner && me.role !== 'owner') throw new ForbiddenError('Only an owner can grant or remove the owner role');
      if (target.role === 'owner' && request.body.role !== 'owner' && (await countOwners(db, { orgId: me.orgId })) <= 1)
        throw new ConflictError('last_owner', 'An organisation needs at least one owner');
      await setMembership(db, { orgId: me.orgId, userId: target.userId, role: request.body.role });
      await recordAudit(db, {
        orgId: me.orgId,
        actorId: me.userId,
        action: 'member.role_change',
        targetType: 'user',
        targetId: target.userId,
        data: { from: target.role, to: request.body.role },
      });
      return { userId: target.userId, role: request.body.role };
    },
  );

  app.delete(
    '/api/org/members/:userId',
    { config: { auth: 'admin' }, schema: { tags, params: UserParams, response: { 204: z.null() } } },
    async (request, reply) => {
      const me = principalOf(request);
      const target = await getMembership(db, { orgId: me.orgId, userId: request.params.userId });
      if (!target) throw new NotFoundError('Member');
      if (target.role === 'owner' && me.role !== 'owner') throw new ForbiddenError('Only an owner can remove an owner');
      if (target.role === 'owner' && (await countOwners(db, { orgId: me.orgId })) <= 1)
        throw new ConflictError('last_owner', 'An organisation needs at least one owner');
      await removeMembership(db, { orgId: me.orgId, userId: target.userId });
      await recordAudit(db, {
        orgId: me.orgId,
        actorId: me.userId,
        action: 'member.remove',
        targetType: 'user',
        targetId: target.userId,
        data: { role: target.role },
      });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/org/invitations',
    { config: { auth: 'reviewer' }, schema: { tags, response: { 200: z.array(Invitation) } } },
    async (request) => {
      const rows = await listInvitations(db, { orgId: principalOf(request).orgId });
      return rows.map((i) => ({
        id: i.id,
        email: i.email,
        role: i.role,
        expiresAt: i.expiresAt.toISOString(),
        acceptedAt: iso(i.acceptedAt),
        createdAt: i.createdAt.toISOString(),
      }));
    },
  );

  app.post(
    '/api/org/invitations',
    { config: { auth: 'reviewer' }, schema: { tags, body: CreateInvitationBody, response: { 201: CreatedInvitation } } },
    async (request, reply) => {
      const { invitation: i, token } = await invitations.invite(principalOf(request), request.body);
      const base = opts.publicUrl ?? `${request.protocol}://${request.host}`;
      return reply.status(201).send({
        id: i.id,
        email: i.email,
        role: i.role,
        expiresAt: i.expiresAt.toISOString(),
        acceptedAt: null,
        createdAt: i.createdAt.toISOString(),
        token,
        url: new URL(`/invite/${token}`, base).toString(),
      });
    },
  );

  app.delete(
    '/api/org/invitations/:id',
    { config: { auth: 'reviewer' }, schema: { tags, params: IdParams, response: { 204: z.null() } } },
    async (request, reply) => {
      const me = principalOf(request);
      if (!(await deleteInvitation(db, { orgId: me.orgId, invitationId: request.params.id }))) throw new NotFoundError('Open invitation');
      await recordAudit(db, {
        orgId: me.orgId,
        actorId: me.userId,
        action: 'invitation.revoke',
        targetType: 'invitation',
        targetId: request.params.id,
      });
      return reply.status(204).send(null);
    },
  );

  const rateLimit = { max: opts.authRateLimitPerMin, timeWindow: '1 minute' };
  app.get(
    '/api/invitations/:token',
    { config: { auth: 'public', rateLimit }, schema: { tags, params: InvitationTokenParams, response: { 200: InvitationPreview } } },
    async (request) => {
      const found = await invitations.preview(request.params.token);
      const i = found.invitation;
      return {
        orgName: found.orgName,
        email: i.email,
        role: i.role,
        expiresAt: i.expiresAt.toISOString(),
        accountExists: found.accountExists,
      };
    },
  );

  app.post(
    '/api/invitations/:token/accept',
    {
      config: { auth: 'public', rateLimit },
      schema: { tags, params: InvitationTokenParams, body: AcceptInvitationBody, response: { 200: SessionInfo } },
    },
    async (request, reply) => {
      const signedIn = request.principal?.userId ?? null;
      const who = await invitations.accept(request.params.token, { signedInUserId: signedIn, ...request.body });
      if (signedIn) request.session.orgId = who.orgId;
      else await startSession(request, who);
      return sessionInfo(db, request, reply);
    },
  );

  app.get(
    '/api/org/audit',
    { config: { auth: 'admin' }, schema: { tags, querystring: AuditQuery, response: { 200: z.array(AuditEntry) } } },
    async (request) => {
      const rows = await listAudit(db, { orgId: principalOf(request).orgId, ...request.query });
      return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
    },
  );
}
