import { and, eq, gt, lt } from 'drizzle-orm';
import type { Db } from '../client';
import { instanceSecrets, sessions } from '../schema/orgs';

/** Sessions are looked up by a hash of the cookie's id, so a database leak yields no usable cookies. */
export async function getSessionByTokenHash(db: Db, params: { tokenHash: string; now?: Date }) {
  const [row] = await db
    .select()
    .from(sessions)
    .where(and(eq(sessions.tokenHash, params.tokenHash), gt(sessions.expiresAt, params.now ?? new Date())));
  return row ?? null;
}

export async function upsertSession(
  db: Db,
  params: { tokenHash: string; userId: string; orgId: string | null; data: Record<string, unknown>; expiresAt: Date },
) {
  const { tokenHash, ...rest } = params;
  await db.insert(sessions).values(params).onConflictDoUpdate({ target: sessions.tokenHash, set: rest });
}

export async function deleteSessionByTokenHash(db: Db, params: { tokenHash: string }) {
  await db.delete(sessions).where(eq(sessions.tokenHash, params.tokenHash));
}

export async function deleteUserSessions(db: Db, params: { userId: string }) {
  await db.delete(sessions).where(eq(sessions.userId, params.userId));
}

export async function deleteExpiredSessions(db: Db, params: { now?: Date } = {}) {
  await db.delete(sessions).where(lt(sessions.expiresAt, params.now ?? new Date()));
}

/** Returns the stored secret, creating it with `generate()` if none exists yet (race-safe). */
export async function getOrCreateInstanceSecret(db: Db, params: { name: string; generate: () => string }) {
  await db.insert(instanceSecrets).values({ name: params.name, value: params.generate() }).onConflictDoNothing();
  const [row] = await db.select().from(instanceSecrets).where(eq(instanceSecrets.name, params.name));
  return row!.value;
}
