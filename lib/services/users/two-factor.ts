import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { users } from '../../../db/schema';
import { openTotpSecret, sealTotpSecret } from '../sessions/totp-sealing';
import { acceptedStep, enrolmentCodes, newRecoveryCodes, newTotpSecret } from '../sessions/two-factor';
import { ServiceError } from '../../errors';
import { writeAudit } from '../audit/write';
import { ADMINS, nowOf, requireRole, withTransaction, type ServiceContext } from '../context';
import { entityId, parseInput } from '../parse-input';
import { lockUser } from './guard';

// Two-factor for console users: each person enrols themselves (any role); admins can reset a
// user who lost their authenticator. The secret never leaves the server except as the QR code
// and its text form shown to its owner during enrolment.

function selfId(ctx: ServiceContext): string {
  if (ctx.actor.kind !== 'user') throw new ServiceError('forbidden', 'forbidden');
  return ctx.actor.userId;
}

/** What the enrolment page shows: on, or a pending secret as a QR code (started by `startTwoFactor`). */
export async function twoFactorStatus({ ctx }: { ctx: ServiceContext }) {
  const userId = selfId(ctx);
  const [user] = await ctx.db.select().from(users).where(eq(users.id, userId));
  if (!user) throw new ServiceError('not_found', 'user_not_found');
  if (user.totpEnabledAt)
    return { enabled: true as const, since: user.totpEnabledAt, recoveryCodesLeft: user.recoveryCodeHashes.length };
  const secret = await openTotpSecret(ctx.db, user.id, user.totpSecret);
  if (!secret) return { enabled: false as const, pending: null };
  return { enabled: false as const, pending: { secret, ...(await enrolmentCodes(secret, user.email)) } };
}

/** A fresh secret for the signed-in user (replacing any unconfirmed one); off until confirmed. */
export async function startTwoFactor({ ctx }: { ctx: ServiceContext }) {
  const userId = selfId(ctx);
  return withTransaction(ctx, async (tx) => {
    const user = await lockUser(tx, userId);
    if (user.totpEnabledAt) throw new ServiceError('conflict', 'two_factor_already_on');
    const totpSecret = await sealTotpSecret(tx, userId, newTotpSecret());
    await tx.update(users).set({ totpSecret, totpLastStep: null }).where(eq(users.id, userId));
    return { started: true };
  });
}

export const confirmTwoFactorInput = z.object({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, 'two_factor_code_format'),
});

/** Turns two-factor on once the app shows a right code; returns the recovery codes, shown this once. */
export async function confirmTwoFactor({ ctx, input }: { ctx: ServiceContext; input: z.input<typeof confirmTwoFactorInput> }) {
  const userId = selfId(ctx);
  const { code } = parseInput(confirmTwoFactorInput, input);
  const now = nowOf(ctx);
  return withTransaction(ctx, async (tx) => {
    const user = await lockUser(tx, userId);
    if (user.totpEnabledAt) throw new ServiceError('conflict', 'two_factor_already_on');
    const secret = await openTotpSecret(tx, userId, user.totpSecret);
    if (!secret) throw new ServiceError('invalid', 'two_factor_not_started');
    const step = acceptedStep(secret, code, null, now);
    if (step === null) throw new ServiceError('invalid', 'two_factor_code_wrong', { code: ['two_factor_code_wrong'] });
    const recovery = newRecoveryCodes();
    await tx
      .update(users)
      .set({ totpEnabledAt: now, totpLastStep: step, recoveryCodeHashes: recovery.hashes })
      .where(eq(users.id, userId));
    await writeAudit(tx, ctx.actor, {
      action: 'user.two_factor_on',
      entityType: 'user',
      entityId: userId,
      after: { recoveryCodes: recovery.codes.length },
      at: now,
    });
    return { recoveryCodes: recovery.codes };
  });
}

export const resetTwoFactorInput = z.object({ userId: entityId });

/** An admin turns another user's two-factor off (lost phone); they enrol again at next sign-in. */
export async function resetTwoFactor({ ctx, input }: { ctx: ServiceContext; input: z.input<typeof resetTwoFactorInput> }) {
  requireRole(ctx, ADMINS);
  const { userId } = parseInput(resetTwoFactorInput, input);
  if (ctx.actor.kind === 'user' && ctx.actor.userId === userId) throw new ServiceError('conflict', 'not_self');
  const now = nowOf(ctx);
  return withTransaction(ctx, async (tx) => {
    const user = await lockUser(tx, userId);
    if (!user.totpEnabledAt && !user.totpSecret) return { id: userId, changed: false };
    await tx
      .update(users)
      .set({ totpSecret: null, totpEnabledAt: null, totpLastStep: null, recoveryCodeHashes: [] })
      .where(eq(users.id, userId));
    await writeAudit(tx, ctx.actor, {
      action: 'user.two_factor_reset',
      entityType: 'user',
      entityId: userId,
      before: { twoFactor: !!user.totpEnabledAt },
      after: { twoFactor: false },
      at: now,
    });
    return { id: userId, changed: true };
  });
}
