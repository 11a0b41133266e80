import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { users } from '../../db/schema';
import { systemActor } from '../services/context';
import { writeAudit } from '../services/audit';
import { verifyAgainstDummy, verifyPassword } from './password';
import { createSession, type SessionUser } from './sessions';
import {
  ACCOUNT_FAILURE_LIMIT,
  ACCOUNT_LOCK_MS,
  ADDRESS_FAILURE_LIMIT,
  lockEmail,
  recentAccountFailures,
  recentAddressFailures,
  recordAttempt,
} from './login-limits';
import { alertAdminsOfLockout } from './lockout-alert';

export type SignInResult =
  | { ok: true; user: SessionUser; token: string; expiresAt: Date }
  /** `throttled` covers both a locked account and a noisy address: the form says the same for both. */
  | { ok: false; reason: 'invalid' | 'throttled' };

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * Checks a password with per-account and per-address limits. The answer and the work done
 * are the same whether or not the email belongs to anyone; only the lock itself and the
 * admins' alert touch a real account.
 */
export async function signIn(db: Db, input: { email: string; password: string; ip: string; locale?: 'ja' | 'en'; now?: Date }): Promise<SignInResult> {
  const now = input.now ?? new Date();
  const email = normalizeEmail(input.email);
  const [user] = await db.select().from(users).where(eq(users.email, email));

  const throttled =
    (await recentAddressFailures(db, input.ip, now)) >= ADDRESS_FAILURE_LIMIT ||
    (await recentAccountFailures(db, email, now)) >= ACCOUNT_FAILURE_LIMIT ||
    (user?.lockedUntil != null && user.lockedUntil > now);
  if (throttled) {
    await recordAttempt(db, { email, ip: input.ip, succeeded: false, at: now });
    return { ok: false, reason: 'throttled' };
  }

  const usable = user && user.passwordHash && !user.disabledAt;
  const valid = usable ? await verifyPassword(user.passwordHash!, input.password) : await verifyAgainstDummy(input.password);
  if (valid && user) {
    await recordAttempt(db, { email, ip: input.ip, succeeded: true, at: now });
    // Alerts and invitations go out in the language the person last used the console in.
    const locale = input.locale ?? user.locale;
    if (locale !== user.locale) await db.update(users).set({ locale }).where(eq(users.id, user.id));
    const session = await createSession(db, { userId: user.id, ip: input.ip, now });
    return { ok: true, user: { id: user.id, email: user.email, name: user.name, role: user.role, locale }, ...session };
  }

  const lockedNow = await db.transaction(async (tx) => {
    await lockEmail(tx, email);
    await recordAttempt(tx, { email, ip: input.ip, succeeded: false, at: now });
    const failures = await recentAccountFailures(tx, email, now);
    if (!user || failures !== ACCOUNT_FAILURE_LIMIT) return null;
    const lockedUntil = new Date(now.getTime() + ACCOUNT_LOCK_MS);
    await tx.update(users).set({ lockedUntil }).where(eq(users.id, user.id));
    await writeAudit(tx, systemActor('sign-in'), {
      action: 'user.locked',
      entityType: 'user',
      entityId: user.id,
      before: { lockedUntil: user.lockedUntil },
      after: { lockedUntil, failures, ip: input.ip },
      at: now,
    });
    return { lockedUntil, failures };
  });
  if (lockedNow) await alertAdminsOfLockout(db, { email, ip: input.ip, at: now, ...lockedNow });
  return { ok: false, reason: 'invalid' };
}
