import { randomInt, timingSafeEqual } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client';
import { instanceSecrets } from '../../../db/schema';
import { tokenDigest } from '../../security/tokens';

// Without ADMIN_* the first admin comes from the setup form, which asks for a code the server
// prints at start, so whoever reaches a fresh server before its operator cannot take it over.
// Only a digest is stored; each start replaces it, and the first admin's creation deletes it.

const ROW = 'setup-code';
// No 0/O, 1/I/L: read off a terminal and typed by hand. 12 characters ≈ 60 bits.
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

export function normalizeSetupCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, '');
}

/** A fresh code for this start (the previous one stops working); printed by the caller, stored as a digest. */
export async function issueSetupCode(db: DbOrTx): Promise<string> {
  const raw = Array.from({ length: 12 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
  const secret = tokenDigest(raw);
  await db
    .insert(instanceSecrets)
    .values({ name: ROW, secret })
    .onConflictDoUpdate({ target: instanceSecrets.name, set: { secret, createdAt: new Date() } });
  return raw.match(/.{4}/g)!.join('-');
}

/** Whether the code typed matches the one printed at the latest start (constant-time compare of digests). */
export async function setupCodeMatches(db: DbOrTx, typed: string): Promise<boolean> {
  const [row] = await db.select({ secret: instanceSecrets.secret }).from(instanceSecrets).where(eq(instanceSecrets.name, ROW));
  if (!row) return false;
  const given = Buffer.from(tokenDigest(normalizeSetupCode(typed)));
  const stored = Buffer.from(row.secret);
  return given.length === stored.length && timingSafeEqual(given, stored);
}

export async function forgetSetupCode(db: DbOrTx): Promise<void> {
  await db.delete(instanceSecrets).where(eq(instanceSecrets.name, ROW));
}
