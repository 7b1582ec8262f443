import { createHash } from 'node:crypto';
import type { SessionStore } from '@fastify/session';
import type { Db } from '@interview/db';
import { deleteSessionByTokenHash, getSessionByTokenHash, upsertSession } from '@interview/db/queries/sessions';
import type { Session } from 'fastify';

type Callback = (err?: unknown) => void;
type GetCallback = (err: unknown, session?: Session | null) => void;

export const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');

/**
 * @fastify/session store on the `sessions` table, so every API process shares sign-ins.
 * Only signed-in sessions are stored; an anonymous session never touches the database.
 */
export function createSessionStore(db: Db, ttlMs: number): SessionStore {
  return {
    set(sessionId: string, session: Session, cb: Callback) {
      const { userId, orgId, ...rest } = session as Session & { userId?: string; orgId?: string };
      if (!userId) return cb();
      const expiresAt = session.cookie.expires ? new Date(session.cookie.expires) : new Date(Date.now() + ttlMs);
      upsertSession(db, {
        tokenHash: hashToken(sessionId),
        userId,
        orgId: orgId ?? null,
        data: JSON.parse(JSON.stringify(rest)),
        expiresAt,
      })
        .then(() => cb())
        .catch(cb);
    },
    get(sessionId: string, cb: GetCallback) {
      getSessionByTokenHash(db, { tokenHash: hashToken(sessionId) })
        .then((row) => {
          if (!row) return cb(null, null);
          cb(null, { ...row.data, userId: row.userId, orgId: row.orgId ?? undefined } as unknown as Session);
        })
        .catch((err) => cb(err));
    },
    destroy(sessionId: string, cb: Callback) {
      deleteSessionByTokenHash(db, { tokenHash: hashToken(sessionId) })
        .then(() => cb())
        .catch(cb);
    },
  };
}
