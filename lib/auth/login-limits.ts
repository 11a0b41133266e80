import { and, count, eq, gt, max, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { loginAttempts } from '../../db/schema';

// Sign-in throttling, computed from login_attempts so it holds across web instances.
// Known and unknown emails are throttled by the same rule, so a lock never reveals an account.
export const LOGIN_WINDOW_MS = 15 * 60_000;
export const ACCOUNT_FAILURE_LIMIT = 5;
export const ACCOUNT_LOCK_MS = 30 * 60_000;
/** Per address: high enough for an office behind one NAT, low enough to stop spraying. */
export const ADDRESS_FAILURE_LIMIT = 30;

/** Failures for this email inside the window and after its last successful sign-in. */
export async function recentAccountFailures(db: DbOrTx, email: string, now: Date): Promise<number> {
  const since = new Date(now.getTime() - LOGIN_WINDOW_MS);
  const [lastSuccess] = await db
    .select({ at: max(loginAttempts.at) })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.email, email), eq(loginAttempts.succeeded, true), gt(loginAttempts.at, since)));
  const after = lastSuccess?.at && lastSuccess.at > since ? lastSuccess.at : since;
  const [row] = await db
    .select({ n: count() })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.email, email), eq(loginAttempts.succeeded, false), gt(loginAttempts.at, after)));
  return row.n;
}

export async function recentAddressFailures(db: DbOrTx, ip: string, now: Date): Promise<number> {
  const since = new Date(now.getTime() - LOGIN_WINDOW_MS);
  const [row] = await db
    .select({ n: count() })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.ip, ip), eq(loginAttempts.succeeded, false), gt(loginAttempts.at, since)));
  return row.n;
}

export async function recordAttempt(db: DbOrTx, attempt: { email: string; ip: string; succeeded: boolean; at: Date }): Promise<void> {
  await db.insert(loginAttempts).values(attempt);
}

/** Serialises attempts on one email across connections, so exactly one failure crosses the limit. */
export async function lockEmail(tx: DbOrTx, email: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`login:${email}`}))`);
}
