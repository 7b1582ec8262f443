import { randomBytes } from 'node:crypto';
import type { Role } from '@interview/contracts/api';
import type { Db } from '@interview/db';
import { recordAudit } from '@interview/db/queries/audit';
import {
  consumeInvitation,
  createInvitation,
  createUser,
  findOpenInvitation,
  findUserByEmail,
  getMembership,
  setMembership,
} from '@interview/db/queries/orgs';
import { BadRequestError, ConflictError, ForbiddenError, NotFoundError } from '../../errors';
import type { Principal } from '../../plugins/app/auth-guard';
import { hashPassword } from '../auth/password';
import { hashToken } from '../auth/session-store';

/** Who may invite whom: reviewers bring in candidates; admins anyone but owners. */
function mayInvite(inviter: Role, invitee: Role) {
  if (inviter === 'owner' || inviter === 'admin') return invitee !== 'owner';
  return inviter === 'reviewer' && invitee === 'candidate';
}

const INVALID = () => new NotFoundError('Invitation (it may have expired or been used already)');

/** Single-use, expiring invitation links; only a hash of each token is stored. */
export function createInvitationService(deps: { db: Db }) {
  const { db } = deps;
  return {
    async invite(by: Principal, input: { email: string; role: 'admin' | 'reviewer' | 'candidate'; expiresInHours: number }) {
      if (!mayInvite(by.role, input.role)) throw new ForbiddenError(`A ${by.role} cannot invite a ${input.role}`);
      const token = randomBytes(24).toString('base64url');
      const invitation = await createInvitation(db, {
        orgId: by.orgId,
        email: input.email,
        role: input.role,
        tokenHash: hashToken(token),
        invitedBy: by.userId,
        expiresAt: new Date(Date.now() + input.expiresInHours * 3_600_000),
      });
      await recordAudit(db, {
        orgId: by.orgId,
        actorId: by.userId,
        action: 'invitation.create',
        targetType: 'invitation',
        targetId: invitation.id,
        data: { email: input.email, role: input.role },
      });
      return { invitation, token };
    },

    async preview(token: string) {
      const found = await findOpenInvitation(db, { tokenHash: hashToken(token) });
      if (!found) throw INVALID();
      const account = await findUserByEmail(db, { email: found.invitation.email });
      return { ...found, accountExists: Boolean(account?.passwordHash) };
    },

    /**
     * Accepts for the signed-in user, or creates the invited email's account when nobody is
     * signed in. Returns who should be signed in afterwards.
     */
    async accept(token: string, input: { signedInUserId: string | null; name?: string; password?: string }) {
      const found = await findOpenInvitation(db, { tokenHash: hashToken(token) });
      if (!found) throw INVALID();
      const { invitation } = found;
      let userId = input.signedInUserId;
      if (!userId) {
        if (await findUserByEmail(db, { email: invitation.email }))
          throw new ConflictError('sign_in_required', 'An account exists for this email: sign in, then accept the invitation');
        if (!input.name || !input.password) throw new BadRequestError('name and password are needed to create your account');
        const user = await createUser(db, { email: invitation.email, name: input.name, passwordHash: await hashPassword(input.password) });
        userId = user.id;
      }
      return db.transaction(async (tx) => {
        if (!(await consumeInvitation(tx, { invitationId: invitation.id, userId }))) throw INVALID();
        // Accepting never demotes someone who already holds a higher role in this organisation.
        const existing = await getMembership(tx, { orgId: invitation.orgId, userId });
        if (!existing || existing.role === 'candidate') await setMembership(tx, { orgId: invitation.orgId, userId, role: invitation.role });
        await recordAudit(tx, {
          orgId: invitation.orgId,
          actorId: userId,
          action: 'invitation.accept',
          targetType: 'invitation',
          targetId: invitation.id,
          data: { role: invitation.role },
        });
        return { userId, orgId: invitation.orgId };
      });
    },
  };
}
