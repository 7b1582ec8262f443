import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import session from '@fastify/session';
import type { AppConfig } from '@interview/config';
import type { Db } from '@interview/db';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { resolveSessionSecret } from '../../features/auth/session-secret';
import { createSessionStore } from '../../features/auth/session-store';

declare module 'fastify' {
  interface Session {
    userId?: string;
    orgId?: string;
  }
}

export const SESSION_COOKIE = 'sid';

/**
 * Cookie sessions (httpOnly, SameSite=Lax, Secure behind HTTPS) stored in Postgres, and CSRF
 * tokens whose secret lives in the session (synchroniser-token pattern).
 */
export default fp(async function sessionPlugin(app: FastifyInstance, opts: { config: AppConfig; db: Db }) {
  const ttlMs = opts.config.env.SESSION_TTL_HOURS * 3_600_000;
  await app.register(cookie);
  await app.register(session, {
    secret: await resolveSessionSecret(opts.db, opts.config.env.SESSION_SECRET),
    cookieName: SESSION_COOKIE,
    store: createSessionStore(opts.db, ttlMs),
    saveUninitialized: false,
    rolling: false,
    cookie: { httpOnly: true, sameSite: 'lax', secure: 'auto', path: '/', maxAge: ttlMs },
  });
  await app.register(csrf, { sessionPlugin: '@fastify/session' });
});
