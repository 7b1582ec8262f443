import { z } from 'zod';
import { Role } from './common';

const Email = z
  .email()
  .max(254)
  .transform((e) => e.toLowerCase());
/** Long passphrases welcome; 200 caps the hashing cost an attacker can ask for. */
const Password = z.string().min(10, 'Use at least 10 characters').max(200);
const Name = z.string().trim().min(1).max(120);

export const SignUpBody = z.object({
  email: Email,
  password: Password,
  name: Name,
  /** Creates this organisation with the new user as owner; omitted = a personal practice space. */
  organisationName: Name.optional(),
});
export const SignInBody = z.object({ email: Email, password: z.string().min(1).max(200) });
export const SwitchOrgBody = z.object({ orgId: z.uuid() });

export const Membership = z.object({ orgId: z.uuid(), orgName: z.string(), orgSlug: z.string(), role: Role });
export const SessionInfo = z.object({
  user: z.object({ id: z.uuid(), email: z.string(), name: z.string() }),
  organisation: Membership,
  memberships: z.array(Membership),
  /** Send back as `x-csrf-token` on every cookie-authenticated write. */
  csrfToken: z.string(),
});
export type SessionInfo = z.infer<typeof SessionInfo>;

export const InviteRole = z.enum(['admin', 'reviewer', 'candidate']);
export const CreateInvitationBody = z.object({
  email: Email,
  role: InviteRole,
  /** Hours until the link stops working (default 7 days, max 30). */
  expiresInHours: z.number().int().min(1).max(720).default(168),
});
export const Invitation = z.object({
  id: z.uuid(),
  email: z.string(),
  role: Role,
  expiresAt: z.iso.datetime(),
  acceptedAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
});
export const CreatedInvitation = Invitation.extend({
  /** Shown once: only its hash is stored. */
  token: z.string(),
  url: z.string(),
});
export const InvitationTokenParams = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/, 'not an invitation token') });
export const InvitationPreview = z.object({
  orgName: z.string(),
  email: z.string(),
  role: Role,
  expiresAt: z.iso.datetime(),
  /** Whether an account already exists for the invited email (sign in instead of sign up). */
  accountExists: z.boolean(),
});
export const AcceptInvitationBody = z.object({
  /** Needed only when no account exists yet for the invited email. */
  name: Name.optional(),
  password: Password.optional(),
});
export const Member = z.object({ userId: z.uuid(), email: z.string(), name: z.string(), role: Role, joinedAt: z.iso.datetime() });
export const ChangeRoleBody = z.object({ role: Role });
export const AuditEntry = z.object({
  id: z.number(),
  actorId: z.uuid().nullable(),
  actorEmail: z.string().nullable(),
  action: z.string(),
  targetType: z.string(),
  targetId: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
  createdAt: z.iso.datetime(),
});
export const AuditQuery = z.object({
  action: z.string().max(80).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  before: z.coerce.number().int().positive().optional(),
});
