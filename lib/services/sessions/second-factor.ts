import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { users } from '../../../db/schema';
import { instanceSecret } from '../../notices/secrets';
import { hitLimit, peekLimit, type LimitRule } from '../../security/rate-limit';
import { systemActor } from '../context';
import { writeAudit } from '../audit/write';
import { openSession, type SignInResult } from './sign-in';
import { openTotpSecret } from './totp-sealing';
import { acceptedStep, readChallenge, recoveryCodeHash } from './two-factor';

/** Wrong second factors per account: whoever gets here already knows the password. */
export const SECOND_FACTOR_FAILURES: LimitRule = { name: 'sign-in-second-factor', limit: 5, windowMs: 15 * 60_000 };

export type SecondFactorResult =
  | Extract<SignInResult, { kind: 'signed-in' }>
  | { kind: 'refused'; reason: 'expired' | 'invalid' | 'throttled'; retryAfterSeconds?: number };

/**
 * Step two of a sign-in with two-factor: the signed challenge from step one plus a current TOTP
 * code (each 30-second step once) or one unused recovery code (spent on use, with an audit row).
 */
export async function completeSecondFactor(
  db: Db,
  input: { challenge: string | undefined; code: string; ip: string; locale?: 'ja' | 'en'; now?: Date },
): Promise<SecondFactorResult> {
  const now = input.now ?? new Date();
  if (!input.challenge) return { kind: 'refused', reason: 'expired' };
  const userId = readChallenge(await instanceSecret(db, 'sign-in-challenge'), input.challenge, now);
  if (!userId) return { kind: 'refused', reason: 'expired' };
  const limit = await peekLimit(db, SECOND_FACTOR_FAILURES, userId, now);
  if (!limit.allowed) return { kind: 'refused', reason: 'throttled', retryAfterSeconds: limit.retryAfterSeconds };
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  if (!user || user.disabledAt || !user.totpEnabledAt) return { kind: 'refused', reason: 'expired' };

  if (await spendCode(db, user, input.code, now))
    return openSession(db, user, { email: user.email, ip: input.ip, locale: input.locale, now });
  await hitLimit(db, SECOND_FACTOR_FAILURES, userId, { now });
  return { kind: 'refused', reason: 'invalid' };
}

/** True when the code was good and is now used up (conditional updates: two tabs cannot both use it). */
async function spendCode(db: Db, user: typeof users.$inferSelect, code: string, now: Date): Promise<boolean> {
  // A secret this key cannot open (the key changed) leaves the recovery codes working.
  const secret = await openTotpSecret(db, user.id, user.totpSecret);
  const step = secret ? acceptedStep(secret, code, user.totpLastStep, now) : null;
  if (step !== null) {
    const updated = await db
      .update(users)
      .set({ totpLastStep: step })
      .where(and(eq(users.id, user.id), or(isNull(users.totpLastStep), lt(users.totpLastStep, step))))
      .returning({ id: users.id });
    return updated.length === 1;
  }
  const hash = recoveryCodeHash(code);
  if (!user.recoveryCodeHashes.includes(hash)) return false;
  return db.transaction(async (tx) => {
    const updated = await tx
      .update(users)
      .set({ recoveryCodeHashes: sql`array_remove(${users.recoveryCodeHashes}, ${hash})` })
      .where(and(eq(users.id, user.id), sql`${hash} = any(${users.recoveryCodeHashes})`))
      .returning({ remaining: users.recoveryCodeHashes });
    if (updated.length !== 1) return false;
    await writeAudit(tx, systemActor('sign-in'), {
      action: 'user.recovery_code_used',
      entityType: 'user',
      entityId: user.id,
      after: { remaining: updated[0].remaining.length },
      at: now,
    });
    return true;
  });
}
