import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { users } from '../../../db/schema';
import { deleteUserSessions } from '../sessions/sessions';
import { writeAudit } from '../audit/write';
import { ADMINS, nowOf, requireRole, withTransaction, type ServiceContext } from '../context';
import { entityId, parseInput } from '../parse-input';
import { guardAdminChange, lockUser, userSnapshot } from './guard';

export const disableUserInput = z.object({ userId: entityId });
export type DisableUserInput = z.input<typeof disableUserInput>;

/** Stops a user from signing in and ends their open sessions at once. */
export async function disableUser({ ctx, input }: { ctx: ServiceContext; input: DisableUserInput }) {
  requireRole(ctx, ADMINS);
  const { userId } = parseInput(disableUserInput, input);
  const now = nowOf(ctx);
  return withTransaction(ctx, async (tx) => {
    const before = await lockUser(tx, userId);
    if (before.disabledAt) return { id: userId, changed: false };
    await guardAdminChange(tx, ctx, before);
    const [after] = await tx.update(users).set({ disabledAt: now }).where(eq(users.id, userId)).returning();
    await deleteUserSessions(tx, userId);
    await writeAudit(tx, ctx.actor, {
      action: 'user.disable',
      entityType: 'user',
      entityId: userId,
      before: userSnapshot(before),
      after: userSnapshot(after),
      at: now,
    });
    return { id: userId, changed: true };
  });
}
