import type { AuditEntry, CreatedInvitation, Invitation, Member } from '@interview/contracts/api';

/** Response types the contracts export only as zod schemas: inferred without bundling zod. */
export type MemberBody = ReturnType<(typeof Member)['parse']>;
export type InvitationBody = ReturnType<(typeof Invitation)['parse']>;
export type CreatedInvitationBody = ReturnType<(typeof CreatedInvitation)['parse']>;
export type AuditEntryBody = ReturnType<(typeof AuditEntry)['parse']>;

export type InviteRole = 'admin' | 'reviewer' | 'candidate';

/** GET /api/admin/queues (apps/api/src/features/admin/admin.routes.ts). */
export interface QueueHealth {
  backend: 'redis' | 'postgres';
  checkedAt: string;
  queues: {
    name: string;
    up: boolean;
    counts: { waiting: number; active: number; delayed: number; failed: number; completed: number } | null;
    error: string | null;
  }[];
}
