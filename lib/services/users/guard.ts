import { and, count, eq, isNull, ne } from 'drizzle-orm';
import { users } from '../../../db/schema';
import { ServiceError } from '../../errors';
import type { DbOrTx, ServiceContext } from '../context';

export async function lockUser(tx: DbOrTx, id: string) {
  const [row] = await tx.select().from(users).where(eq(users.id, id)).for('update');
  if (!row) throw new ServiceError('not_found', 'user_not_found');
  return row;
}

/** Admins cannot lock themselves out, and the console always keeps one active admin. */
export async function guardAdminChange(tx: DbOrTx, ctx: ServiceContext, target: typeof users.$inferSelect): Promise<void> {
  if (ctx.actor.kind === 'user' && ctx.actor.userId === target.id) throw new ServiceError('conflict', 'not_self');
  if (target.role !== 'admin' || target.disabledAt) return;
  const [row] = await tx
    .select({ n: count() })
    .from(users)
    .where(and(eq(users.role, 'admin'), isNull(users.disabledAt), ne(users.id, target.id)));
  if (row.n === 0) throw new ServiceError('conflict', 'last_admin');
}

export function userSnapshot(row: typeof users.$inferSelect) {
  return { email: row.email, name: row.name, role: row.role, disabledAt: row.disabledAt, twoFactor: row.totpEnabledAt !== null };
}
