import { and, asc, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { invitations, memberships, organisations, users } from '../schema/orgs';

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

export async function createOrganisation(db: Db, params: { slug: string; name: string }) {
  const [row] = await db.insert(organisations).values(params).returning();
  return row!;
}

export async function getUser(db: Db, params: { userId: string }) {
  const [row] = await db.select().from(users).where(eq(users.id, params.userId));
  return row ?? null;
}

/** The organisations a user belongs to, oldest membership first. */
export async function listUserMemberships(db: Db, params: { userId: string }) {
  return db
    .select({ orgId: organisations.id, orgName: organisations.name, orgSlug: organisations.slug, role: memberships.role })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.orgId))
    .where(eq(memberships.userId, params.userId))
    .orderBy(asc(memberships.createdAt));
}

export async function listMembers(db: Db, params: { orgId: string; role?: Role }) {
  return db
    .select({ userId: users.id, email: users.email, name: users.name, role: memberships.role, joinedAt: memberships.createdAt })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.orgId, params.orgId), params.role ? eq(memberships.role, params.role) : undefined))
    .orderBy(asc(users.name));
}

export async function removeMembership(db: Db, params: { orgId: string; userId: string }) {
  const rows = await db
    .delete(memberships)
    .where(and(eq(memberships.orgId, params.orgId), eq(memberships.userId, params.userId)))
    .returning({ userId: memberships.userId });
  return rows.length > 0;
}

export async function countOwners(db: Db, params: { orgId: string }) {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(memberships)
    .where(and(eq(memberships.orgId, params.orgId), eq(memberships.role, 'owner')));
  return row?.n ?? 0;
}

export async function createInvitation(
  db: Db,
  params: { orgId: string; email: string; role: Role; tokenHash: string; invitedBy: string; expiresAt: Date },
) {
  const [row] = await db.insert(invitations).values(params).returning();
  return row!;
}

export async function listInvitations(db: Db, params: { orgId: string }) {
  return db.select().from(invitations).where(eq(invitations.orgId, params.orgId)).orderBy(desc(invitations.createdAt));
}

export async function deleteInvitation(db: Db, params: { orgId: string; invitationId: string }) {
  const rows = await db
    .delete(invitations)
    .where(and(eq(invitations.id, params.invitationId), eq(invitations.orgId, params.orgId), isNull(invitations.acceptedAt)))
    .returning({ id: invitations.id });
  return rows.length > 0;
}

/** An invitation that is still usable: not accepted and not expired. */
export async function findOpenInvitation(db: Db, params: { tokenHash: string; now?: Date }) {
  const [row] = await db
    .select({ invitation: invitations, orgName: organisations.name })
    .from(invitations)
    .innerJoin(organisations, eq(organisations.id, invitations.orgId))
    .where(
      and(eq(invitations.tokenHash, params.tokenHash), isNull(invitations.acceptedAt), gt(invitations.expiresAt, params.now ?? new Date())),
    );
  return row ?? null;
}

/**
 * Marks an invitation used, in one conditional statement: of two concurrent accepts exactly one
 * wins, so a link can never be used twice.
 */
export async function consumeInvitation(db: Db, params: { invitationId: string; userId: string; now?: Date }) {
  const now = params.now ?? new Date();
  const [row] = await db
    .update(invitations)
    .set({ acceptedAt: now, acceptedBy: params.userId })
    .where(and(eq(invitations.id, params.invitationId), isNull(invitations.acceptedAt), gt(invitations.expiresAt, now)))
    .returning();
  return row ?? null;
}
