import { z } from 'zod';

/** Every 4xx/5xx body: a machine-readable code, a human message, optional details. */
export const ErrorBody = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

export const IdParams = z.object({ id: z.uuid() });
export const Role = z.enum(['owner', 'admin', 'reviewer', 'candidate']);
export type Role = z.infer<typeof Role>;

/** Roles from least to most privileged; `atLeast` compares against this order. */
export const ROLE_RANK: Record<Role, number> = { candidate: 0, reviewer: 1, admin: 2, owner: 3 };
export const atLeast = (role: Role, min: Role) => ROLE_RANK[role] >= ROLE_RANK[min];

export const Ok = z.object({ ok: z.literal(true) });
