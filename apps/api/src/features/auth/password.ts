import { hash, verify } from '@node-rs/argon2';

// argon2id (memory-hard) through a maintained native binding; parameters are the library's
// OWASP-aligned defaults (19 MiB, t=2) and live inside each hash, so they can be raised later.
export async function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false; // a malformed stored hash is a failed sign-in, not a 500
  }
}

/** Verifying against this keeps sign-in timing the same whether or not the email exists. */
export const DUMMY_HASH = await hashPassword('timing-equaliser-not-a-password');
