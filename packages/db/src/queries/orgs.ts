import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { memberships, organisations, users } from '../schema/orgs';

type Role = (typeof memberships.$inferInsert)['role'];

export async function upsertOrganisation(db: Db, params: { slug: string; name: string }) {
  const [row] = await db
    .insert(organisations)
    .values(params)
    .onConflictDoUpdate({ target: organisations.slug, set: { name: params.name } })
    .returning();
  return row!;
}

export async function findOrganisationBySlug(db: Db, params: { slug: string }) {
  const [row] = await db.select().from(organisations).where(eq(organisations.slug, params.slug));
  return row ?? null;
}

export async function findUserByEmail(db: Db, params: { email: string }) {
  const [row] = await db.select().from(users).where(sql`lower(${users.email}) = lower(${params.email})`);
  return row ?? null;
}

export async function createUser(db: Db, params: { email: string; name: string; passwordHash: string | null }) {
  const [row] = await db.insert(users).values(params).returning();
  return row!;
}

export async function setMembership(db: Db, params: { orgId: string; userId: string; role: Role }) {
  await db
    .insert(memberships)
    .values(params)
    .onConflictDoUpdate({ target: [memberships.orgId, memberships.userId], set: { role: params.role } });
}

export async function getMembership(db: Db, params: { orgId: string; userId: string }) {
  const [row] = await db
    .select()
    .from(memberships)
    .where(and(eq(memberships.orgId, params.orgId), eq(memberships.userId, params.userId)));
  return row ?? null;
}
