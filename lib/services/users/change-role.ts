import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { users } from '../../../db/schema';
import { ROLES } from '../../domain/statuses';
import { writeAudit } from '../audit/write';
import { ADMINS, nowOf, requireRole, withTransaction, type ServiceContext } from '../context';
import { entityId, parseInput } from '../parse-input';
import { guardAdminChange, lockUser, userSnapshot } from './guard';

export const changeRoleInput = z.object({ userId: entityId, role: z.enum(ROLES) });
export type ChangeRoleInput = z.input<typeof changeRoleInput>;

/** Takes effect on the user's next request: sessions re-read the role every time. */
export async function changeUserRole({ ctx, input }: { ctx: ServiceContext; input: ChangeRoleInput }) {
  requireRole(ctx, ADMINS);
  const { userId, role } = parseInput(changeRoleInput, input);
  const now = nowOf(ctx);
  return withTransaction(ctx, async (tx) => {
    const before = await lockUser(tx, userId);
    if (before.role === role) return { id: userId, changed: false };
    await guardAdminChange(tx, ctx, before);
    const [after] = await tx.update(users).set({ role }).where(eq(users.id, userId)).returning();
    await writeAudit(tx, ctx.actor, {
      action: 'user.change_role',
      entityType: 'user',
      entityId: userId,
      before: userSnapshot(before),
      after: userSnapshot(after),
      at: now,
    });
    return { id: userId, changed: true };
  });
}
