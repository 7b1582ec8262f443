import { randomBytes } from 'node:crypto';
import type { Db } from '@interview/db';
import { getOrCreateInstanceSecret } from '@interview/db/queries/sessions';

/**
 * SESSION_SECRET when set; otherwise one generated on first boot and kept in the database, so
 * every API process of an install signs cookies with the same key and restarts keep sign-ins.
 */
export async function resolveSessionSecret(db: Db, configured: string | undefined) {
  return configured ?? getOrCreateInstanceSecret(db, { name: 'session', generate: () => randomBytes(48).toString('base64url') });
}
