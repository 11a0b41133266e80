import { z } from 'zod';
import { forgetAccountFailures, isSlowed } from '../sessions/login-limits';
import { writeAudit } from '../audit/write';
import { ADMINS, nowOf, requireRole, withTransaction, type ServiceContext } from '../context';
import { entityId, parseInput } from '../parse-input';
import { lockUser } from './guard';

export const unlockUserInput = z.object({ userId: entityId });
export type UnlockUserInput = z.input<typeof unlockUserInput>;

/**
 * Takes an account off the sign-in slow path and forgets its failures (per account and per
 * address for it), e.g. after the admin confirmed with its owner. Addresses that failed against
 * many accounts stay throttled: those counts belong to the address, not to this account.
 */
export async function unlockUser({ ctx, input }: { ctx: ServiceContext; input: UnlockUserInput }) {
  requireRole(ctx, ADMINS);
  const { userId } = parseInput(unlockUserInput, input);
  const now = nowOf(ctx);
  return withTransaction(ctx, async (tx) => {
    const user = await lockUser(tx, userId);
    const wasSlowed = await isSlowed(tx, user.email, now);
    await forgetAccountFailures(tx, user.email);
    await writeAudit(tx, ctx.actor, {
      action: 'user.unlock',
      entityType: 'user',
      entityId: userId,
      before: { slowed: wasSlowed },
      after: { slowed: false },
      at: now,
    });
    return { id: userId, changed: wasSlowed };
  });
}
