import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { subscribers } from '../../../db/schema';
import { ServiceError } from '../../errors';
import { ADMINS, nowOf, requireRole, withTransaction, type ServiceContext } from '../context';
import { parseInput } from '../parse-input';
import { auditSubscriber, type SubscriberRow } from './shared';

const input = z.object({ pageId: z.uuid(), id: z.uuid() });

/**
 * Unsubscribes for an admin (the API's DELETE, as Statuspage's): nothing more is sent, the row
 * stays as the record. Removing the personal data is removeSubscriber. Idempotent.
 */
export async function unsubscribeByAdmin({ ctx, input: raw }: { ctx: ServiceContext; input: unknown }): Promise<SubscriberRow> {
  requireRole(ctx, ADMINS);
  const { pageId, id } = parseInput(input, raw);
  const now = nowOf(ctx);
  return withTransaction(ctx, async (tx) => {
    const [row] = await tx
      .select()
      .from(subscribers)
      .where(and(eq(subscribers.id, id), eq(subscribers.pageId, pageId)))
      .for('update');
    if (!row) throw new ServiceError('not_found', 'subscriber_not_found');
    if (row.unsubscribedAt) return row;
    const [left] = await tx.update(subscribers).set({ unsubscribedAt: now }).where(eq(subscribers.id, id)).returning();
    await auditSubscriber(tx, { action: 'subscriber.unsubscribe', subscriber: row, at: now, actor: ctx.actor });
    return left;
  });
}
