import { atLeast, type Role } from '@interview/contracts/api';
import type { Db } from '@interview/db';
import { getMembership, listUserMemberships } from '@interview/db/queries/orgs';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { ForbiddenError, UnauthorizedError } from '../../errors';

export interface Principal {
  userId: string;
  orgId: string;
  role: Role;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** 'public' opens a route to everyone; otherwise the least role it needs (default: any member). */
    auth?: 'public' | Role;
  }
  interface FastifyRequest {
    principal: Principal | null;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const isGuarded = (url: string) => url.startsWith('/api/') || url.startsWith('/ws/');

/** The signed-in user's membership in the session's organisation, re-read so role changes apply at once. */
async function loadPrincipal(db: Db, request: FastifyRequest): Promise<Principal | null> {
  const { userId, orgId } = request.session ?? {};
  if (!userId) return null;
  const member = orgId ? await getMembership(db, { orgId, userId }) : null;
  if (member) return { userId, orgId: member.orgId, role: member.role };
  // Removed from that organisation: fall back to another one the user still belongs to.
  const [other] = await listUserMemberships(db, { userId });
  if (!other) return null;
  request.session.orgId = other.orgId;
  return { userId, orgId: other.orgId, role: other.role };
}

/**
 * Secure by default: every /api and /ws route needs a signed-in member unless it says
 * `config: { auth: 'public' }`; cookie-authenticated writes also need the CSRF token.
 */
export default fp(async function authGuard(app: FastifyInstance, opts: { db: Db }) {
  app.decorateRequest('principal', null);
  app.addHook('onRequest', async (request) => {
    // No route matched: let the 404 handler answer (it reveals nothing a 401 would hide).
    const url = request.routeOptions.url;
    const required = url === undefined ? 'public' : (request.routeOptions.config.auth ?? (isGuarded(url) ? 'candidate' : 'public'));
    request.principal = await loadPrincipal(opts.db, request);
    if (required !== 'public') {
      if (!request.principal) throw new UnauthorizedError();
      if (!atLeast(request.principal.role, required)) throw new ForbiddenError(`This needs the ${required} role or higher`);
    }
    // Any write made with a signed-in cookie needs the token, public routes included.
    if (request.principal && !SAFE_METHODS.has(request.method)) await verifyCsrf(app, request);
  });
});

/** csrfProtection reports failure through reply.send; catch it there and throw our typed error. */
function verifyCsrf(app: FastifyInstance, request: FastifyRequest) {
  return new Promise<void>((resolve, reject) => {
    const reply = { send: () => reject(new ForbiddenError('Missing or invalid CSRF token', 'csrf_invalid')) };
    app.csrfProtection(request, reply as unknown as FastifyReply, () => resolve());
  });
}

/** The principal of a route that the guard already let through. */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new UnauthorizedError();
  return request.principal;
}
