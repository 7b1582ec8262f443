import { randomBytes } from 'node:crypto';
import type { Db } from '@interview/db';
import { createUser, findOrganisationBySlug, findUserByEmail, setMembership, upsertOrganisation } from '@interview/db/queries/orgs';
import { importBank, loadBank } from '@interview/question-bank';
import { hashPassword } from '../features/auth/password';

export interface DemoLogin {
  role: 'candidate' | 'reviewer' | 'admin';
  email: string;
  password: string;
}

const DEMO_ORG = { slug: 'demo', name: 'Demo Company' };
const DEMO_USERS = [
  { role: 'candidate', email: 'candidate@demo.local', name: 'Casey Candidate' },
  { role: 'reviewer', email: 'reviewer@demo.local', name: 'Riley Reviewer' },
  { role: 'admin', email: 'admin@demo.local', name: 'Alex Admin' },
] as const;

/** Imports the built-in bank (idempotent: only changed rubrics get a new version). */
export async function seedBank(db: Db) {
  const bank = await loadBank();
  return importBank(db, bank, { orgId: null });
}

/**
 * Creates the demo organisation and its three logins on first run. Passwords are random per
 * install and returned once so the caller can print them; later runs return an empty list.
 */
export async function seedDemoOrganisation(db: Db): Promise<DemoLogin[]> {
  if (await findOrganisationBySlug(db, { slug: DEMO_ORG.slug })) return [];
  const org = await upsertOrganisation(db, DEMO_ORG);
  const logins: DemoLogin[] = [];
  for (const u of DEMO_USERS) {
    const password = `demo-${randomBytes(6).toString('base64url')}`;
    const user =
      (await findUserByEmail(db, { email: u.email })) ??
      (await createUser(db, { email: u.email, name: u.name, passwordHash: await hashPassword(password) }));
    await setMembership(db, { orgId: org.id, userId: user.id, role: u.role });
    logins.push({ role: u.role, email: u.email, password });
  }
  return logins;
}
