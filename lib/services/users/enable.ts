import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { users } from '../../../db/schema';
import { writeAudit } from '../audit/write';
import { ADMINS, nowOf, requireRole, withTransaction, type ServiceContext } from '../context';
import { entityId, parseInput } from '../parse-input';
import { lockUser, userSnapshot } from './guard';

export const enableUserInput = z.object({ userId: entityId });
export type EnableUserInput = z.input<typeof enableUserInput>;

/** Lets a disabled user sign in again (with their old password). */
export async function enableUser({ ctx, input }: { ctx: ServiceContext; input: EnableUserInput }) {
  requireRole(ctx, ADMINS);
  const { userId } = parseInput(enableUserInput, input);
  const now = nowOf(ctx);
  return withTransaction(ctx, async (tx) => {
    const before = await lockUser(tx, userId);
    if (!before.disabledAt) return { id: userId, changed: false };
    const [after] = await tx.update(users).set({ disabledAt: null }).where(eq(users.id, userId)).returning();
    await writeAudit(tx, ctx.actor, {
      action: 'user.enable',
      entityType: 'user',
      entityId: userId,
      before: userSnapshot(before),
      after: userSnapshot(after),
      at: now,
    });
    return { id: userId, changed: true };
  });
}
