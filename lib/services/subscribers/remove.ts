import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { subscribers } from '../../../db/schema';
import { ServiceError } from '../../errors';
import { ADMINS, nowOf, requireRole, withTransaction, type ServiceContext } from '../context';
import { parseInput } from '../parse-input';
import { auditSubscriber } from './shared';

const input = z.object({ id: z.uuid() });

/**
 * Deletes a subscriber's personal data on request. Their deliveries stay (subscriber set to
 * null) as the record of what was sent, and the evidence ledger stays valid: it never held the
 * address, only a keyed hash of it.
 */
export async function removeSubscriber({ ctx, input: raw }: { ctx: ServiceContext; input: unknown }): Promise<void> {
  requireRole(ctx, ADMINS);
  const { id } = parseInput(input, raw);
  const now = nowOf(ctx);
  await withTransaction(ctx, async (tx) => {
    const [removed] = await tx.delete(subscribers).where(eq(subscribers.id, id)).returning();
    if (!removed) throw new ServiceError('not_found', 'subscriber_not_found');
    await auditSubscriber(tx, { action: 'subscriber.remove', subscriber: removed, at: now, actor: ctx.actor });
  });
}
