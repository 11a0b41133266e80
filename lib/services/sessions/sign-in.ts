import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { loginAttempts, users } from '../../../db/schema';
import { instanceSecret } from '../../notices/secrets';
import { systemActor } from '../context';
import { writeAudit } from '../audit/write';
import { queueLockoutAlert } from './lockout-alert';
import { countFailure, forgetPairFailures, signInGate, SLOW_PATH_MS } from './login-limits';
import { verifyAgainstDummy, verifyPassword } from '../../security/password';
import { createSession, type SessionUser } from './sessions';
import { signChallenge } from './two-factor';

/** How long the password step stays good while the person types their second factor. */
export const CHALLENGE_TTL_MS = 5 * 60_000;

export type SignInResult =
  | { kind: 'signed-in'; user: SessionUser; token: string; expiresAt: Date }
  /** The password was right; a TOTP or recovery code must follow within CHALLENGE_TTL_MS. */
  | { kind: 'second-factor'; challenge: string; expiresAt: Date }
  /** `throttled`: this address (alone or with this email) failed too often; the form says when to retry. */
  | { kind: 'refused'; reason: 'invalid' | 'throttled'; retryAfterSeconds?: number };

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Checks a password. Failures are refused per (email, address) and per address; an account
 * attacked from many places is only slowed, so its owner still gets in from their own address.
 * The work and the answer are the same whether or not the email belongs to anyone; the admins'
 * alert is queued in the same transaction and sent later, so it costs the request nothing.
 */
export async function signIn(
  db: Db,
  input: { email: string; password: string; ip: string; locale?: 'ja' | 'en'; now?: Date },
): Promise<SignInResult> {
  const now = input.now ?? new Date();
  const email = normalizeEmail(input.email);
  const gate = await signInGate(db, email, input.ip, now);
  if (gate.throttled) return { kind: 'refused', reason: 'throttled', retryAfterSeconds: gate.retryAfterSeconds };
  if (gate.slowed) await sleep(SLOW_PATH_MS);

  const [user] = await db.select().from(users).where(eq(users.email, email));
  const usable = user && user.passwordHash && !user.disabledAt;
  const valid = usable ? await verifyPassword(user.passwordHash!, input.password) : await verifyAgainstDummy(input.password);
  if (valid && user) return passwordAccepted(db, user, { ...input, email, now });

  await db.transaction(async (tx) => {
    const { accountFailures, alertDue } = await countFailure(tx, email, input.ip, now);
    if (!alertDue || !user) return;
    await queueLockoutAlert(tx, { email, ip: input.ip, at: now, failures: accountFailures });
    await writeAudit(tx, systemActor('sign-in'), {
      action: 'user.slowed',
      entityType: 'user',
      entityId: user.id,
      after: { failures: accountFailures, ip: input.ip },
      at: now,
    });
  });
  return { kind: 'refused', reason: 'invalid' };
}

async function passwordAccepted(
  db: Db,
  user: typeof users.$inferSelect,
  input: { email: string; ip: string; locale?: 'ja' | 'en'; now: Date },
): Promise<SignInResult> {
  const { now } = input;
  await forgetPairFailures(db, input.email, input.ip);
  if (user.totpEnabledAt) {
    const expiresAt = new Date(now.getTime() + CHALLENGE_TTL_MS);
    return {
      kind: 'second-factor',
      challenge: signChallenge(await instanceSecret(db, 'sign-in-challenge'), user.id, expiresAt),
      expiresAt,
    };
  }
  return openSession(db, user, input);
}

/** The last step of every sign-in (password alone, or password then second factor). */
export async function openSession(
  db: Db,
  user: typeof users.$inferSelect,
  input: { email: string; ip: string; locale?: 'ja' | 'en'; now: Date },
): Promise<Extract<SignInResult, { kind: 'signed-in' }>> {
  const { now } = input;
  await db.insert(loginAttempts).values({ email: user.email, ip: input.ip, succeeded: true, at: now });
  // Alerts and invitations go out in the language the person last used the console in.
  const locale = input.locale ?? user.locale;
  if (locale !== user.locale) await db.update(users).set({ locale }).where(eq(users.id, user.id));
  const session = await createSession(db, { userId: user.id, ip: input.ip, now });
  return { kind: 'signed-in', user: { id: user.id, email: user.email, name: user.name, role: user.role, locale }, ...session };
}
