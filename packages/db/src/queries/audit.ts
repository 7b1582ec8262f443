import { and, desc, eq, lt } from 'drizzle-orm';
import type { Db } from '../client';
import { users } from '../schema/orgs';
import { auditLog } from '../schema/review';

export interface AuditRecord {
  orgId: string | null;
  actorId: string | null;
  action: string;
  targetType: string;
  targetId?: string | null;
  data?: Record<string, unknown>;
}

/** Append-only: there is no update or delete query for the audit log. */
export async function recordAudit(db: Db, entry: AuditRecord) {
  await db.insert(auditLog).values({ ...entry, targetId: entry.targetId ?? null, data: entry.data ?? {} });
}

export async function listAudit(db: Db, params: { orgId: string; action?: string; before?: number; limit: number }) {
  return db
    .select({
      id: auditLog.id,
      actorId: auditLog.actorId,
      actorEmail: users.email,
      action: auditLog.action,
      targetType: auditLog.targetType,
      targetId: auditLog.targetId,
      data: auditLog.data,
      createdAt: auditLog.createdAt,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(
      and(
        eq(auditLog.orgId, params.orgId),
        params.action ? eq(auditLog.action, params.action) : undefined,
        params.before ? lt(auditLog.id, params.before) : undefined,
      ),
    )
    .orderBy(desc(auditLog.id))
    .limit(params.limit);
}
