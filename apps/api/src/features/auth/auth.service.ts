import { randomBytes } from 'node:crypto';
import type { Db } from '@interview/db';
import { recordAudit } from '@interview/db/queries/audit';
import { createOrganisation, createUser, findUserByEmail, listUserMemberships, setMembership } from '@interview/db/queries/orgs';
import { ConflictError, UnauthorizedError } from '../../errors';
import { DUMMY_HASH, hashPassword, verifyPassword } from './password';

export function slugFor(name: string) {
  const base = name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return `${base || 'org'}-${randomBytes(3).toString('hex')}`;
}

/** Sign-up and sign-in; the routes own the cookie session, this owns accounts. */
export function createAuthService(deps: { db: Db }) {
  const { db } = deps;
  return {
    async signUp(input: { email: string; password: string; name: string; organisationName?: string }) {
      if (await findUserByEmail(db, input)) throw new ConflictError('email_taken', 'An account with this email already exists');
      const passwordHash = await hashPassword(input.password);
      return db.transaction(async (tx) => {
        const user = await createUser(tx, { email: input.email, name: input.name, passwordHash }).catch((err) => {
          // Two sign-ups racing for one email: the unique index decides.
          if ((err as { code?: string }).code === '23505' || (err as { cause?: { code?: string } }).cause?.code === '23505')
            throw new ConflictError('email_taken', 'An account with this email already exists');
          throw err;
        });
        const orgName = input.organisationName ?? `${input.name}'s practice`;
        const org = await createOrganisation(tx, { slug: slugFor(orgName), name: orgName });
        await setMembership(tx, { orgId: org.id, userId: user.id, role: 'owner' });
        await recordAudit(tx, { orgId: org.id, actorId: user.id, action: 'auth.sign_up', targetType: 'user', targetId: user.id });
        return { userId: user.id, orgId: org.id };
      });
    },

    async signIn(input: { email: string; password: string; ip: string }) {
      const user = await findUserByEmail(db, input);
      // Always verify something, so response time does not reveal which emails have accounts.
      const ok = await verifyPassword(input.password, user?.passwordHash ?? DUMMY_HASH);
      if (!user?.passwordHash || !ok) {
        await recordAudit(db, {
          orgId: null,
          actorId: user?.id ?? null,
          action: 'auth.sign_in_failed',
          targetType: 'user',
          data: { email: input.email, ip: input.ip },
        });
        throw new UnauthorizedError('Wrong email or password');
      }
      const [first] = await listUserMemberships(db, { userId: user.id });
      await recordAudit(db, {
        orgId: first?.orgId ?? null,
        actorId: user.id,
        action: 'auth.sign_in',
        targetType: 'user',
        targetId: user.id,
        data: { ip: input.ip },
      });
      return { userId: user.id, orgId: first?.orgId };
    },
  };
}
export type AuthService = ReturnType<typeof createAuthService>;
