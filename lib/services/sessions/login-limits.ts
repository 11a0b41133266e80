import type { DbOrTx } from '../../../db/client';
import { clearLimit, hitLimit, peekLimit, resetLimit, type LimitRule } from '../../security/rate-limit';

// Sign-in throttling, kept in the shared rate_limits table so it holds across web instances.
// Failures are counted per (email, address) and per address, which refuse; and per email from
// any address, which only slows: an outsider can never keep the owner out from elsewhere.
// Known and unknown emails are counted alike, so nothing here reveals an account.

const FIFTEEN_MINUTES = 15 * 60_000;

/** One person mistyping from one place: refused after this many. */
export const PAIR_FAILURES: LimitRule = { name: 'sign-in-pair', limit: 5, windowMs: FIFTEEN_MINUTES };
/** One address trying many accounts: high enough for an office behind one NAT. */
export const ADDRESS_FAILURES: LimitRule = { name: 'sign-in-address', limit: 30, windowMs: FIFTEEN_MINUTES };
/** Failures for one account from everywhere: past this, each attempt for it is slowed. */
export const ACCOUNT_FAILURES: LimitRule = { name: 'sign-in-account', limit: 10, windowMs: FIFTEEN_MINUTES };
/** The admins' alert about an account under attack goes out at most once per window. */
export const ACCOUNT_ALERT: LimitRule = { name: 'sign-in-alert', limit: 1, windowMs: 30 * 60_000 };

/** How long each attempt for an account under attack waits before its password is checked. */
export const SLOW_PATH_MS = 2_000;

export type SignInGate = { throttled: boolean; slowed: boolean; retryAfterSeconds: number };

/** Reads (never counts) whether this attempt may be checked at all, and whether slowly. */
export async function signInGate(db: DbOrTx, email: string, ip: string, now: Date): Promise<SignInGate> {
  const [pair, address, account] = await Promise.all([
    peekLimit(db, PAIR_FAILURES, [email, ip], now),
    peekLimit(db, ADDRESS_FAILURES, ip, now),
    peekLimit(db, ACCOUNT_FAILURES, email, now),
  ]);
  const throttled = !pair.allowed || !address.allowed;
  return { throttled, slowed: !account.allowed, retryAfterSeconds: Math.max(pair.retryAfterSeconds, address.retryAfterSeconds) };
}

/** Counts one failure everywhere; says whether the account just crossed into the slow path. */
export async function countFailure(
  db: DbOrTx,
  email: string,
  ip: string,
  now: Date,
): Promise<{ accountFailures: number; alertDue: boolean }> {
  await hitLimit(db, PAIR_FAILURES, [email, ip], { now });
  await hitLimit(db, ADDRESS_FAILURES, ip, { now });
  const account = await hitLimit(db, ACCOUNT_FAILURES, email, { now });
  const alertDue = !account.allowed && (await hitLimit(db, ACCOUNT_ALERT, email, { now })).allowed;
  return { accountFailures: account.count, alertDue };
}

/** The owner got in from here: their own typos from this place are forgiven. */
export async function forgetPairFailures(db: DbOrTx, email: string, ip: string): Promise<void> {
  await resetLimit(db, PAIR_FAILURES, [email, ip]);
}

/** An admin's unlock: the account leaves the slow path and its alert may fire again. */
export async function forgetAccountFailures(db: DbOrTx, email: string): Promise<void> {
  for (const rule of [ACCOUNT_FAILURES, PAIR_FAILURES, ACCOUNT_ALERT]) await clearLimit(db, rule, email);
}

/** For the console's user list: is this account on the slow path right now? */
export async function isSlowed(db: DbOrTx, email: string, now: Date): Promise<boolean> {
  return !(await peekLimit(db, ACCOUNT_FAILURES, email, now)).allowed;
}
