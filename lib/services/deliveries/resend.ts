import { and, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { deliveries, notificationMessages, subscribers } from '../../../db/schema';
import { ServiceError } from '../../errors';
import { publishChange } from '../../events/publish';
import { writeAudit } from '../audit/write';
import { nowOf, requireRole, withTransaction, WRITERS, type ServiceContext } from '../context';
import { parseInput } from '../parse-input';

const input = z.object({ deliveryIds: z.array(z.coerce.number().int().positive()).min(1).max(10_000) });

/**
 * An operator sends dead deliveries again: they return to the queue with fresh attempts. A LINE
 * row keeps its batch key, so if its last try did reach LINE after all, LINE answers 409 rather
 * than delivering twice. A subscriber stopped for a bounce is given another chance: the operator
 * decided the address is worth it.
 */
export async function resendDeliveries({
  ctx,
  input: raw,
}: {
  ctx: ServiceContext;
  input: unknown;
}): Promise<{ requeued: number }> {
  requireRole(ctx, WRITERS);
  const { deliveryIds } = parseInput(input, raw);
  const now = nowOf(ctx);
  return withTransaction(ctx, async (tx) => {
    const rows = await tx
      .update(deliveries)
      .set({ status: 'queued', attempts: 0, nextAttemptAt: now, claimedUntil: null, lastError: null })
      .where(and(inArray(deliveries.id, deliveryIds), eq(deliveries.status, 'dead'), sql`${deliveries.subscriberId} is not null`))
      .returning({ id: deliveries.id, messageId: deliveries.messageId, subscriberId: deliveries.subscriberId });
    if (rows.length === 0) throw new ServiceError('conflict', 'nothing_to_resend');
    const subscriberIds = [...new Set(rows.map((r) => r.subscriberId!))];
    await tx.update(subscribers).set({ disabledAt: null, disabledReason: null }).where(inArray(subscribers.id, subscriberIds));
    const messageIds = [...new Set(rows.map((r) => r.messageId))];
    const pages = await tx
      .selectDistinct({ pageId: notificationMessages.pageId, id: notificationMessages.id })
      .from(notificationMessages)
      .where(inArray(notificationMessages.id, messageIds));
    for (const m of pages) await publishChange(tx, { type: 'deliveries', pageId: m.pageId, messageId: m.id });
    await writeAudit(tx, ctx.actor, {
      action: 'delivery.resend',
      entityType: 'delivery',
      after: { deliveryIds: rows.map((r) => r.id), messageIds },
      at: now,
    });
    return { requeued: rows.length };
  });
}
