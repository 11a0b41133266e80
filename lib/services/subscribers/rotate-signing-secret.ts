import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { subscribers } from '../../../db/schema';
import { ServiceError } from '../../errors';
import { newSigningSalt, signingSecret, webhookSigningKey } from '../../notices/webhook-secret';
import { ADMINS, nowOf, requireRole, withTransaction, type ServiceContext } from '../context';
import { parseInput } from '../parse-input';
import { auditSubscriber } from './shared';

const input = z.object({ pageId: z.uuid(), id: z.uuid() });

/** A new signing secret for a webhook subscriber, shown once; the old one stops at once. */
export async function rotateSigningSecret({
  ctx,
  input: raw,
}: {
  ctx: ServiceContext;
  input: unknown;
}): Promise<{ signingSecret: string }> {
  requireRole(ctx, ADMINS);
  const { pageId, id } = parseInput(input, raw);
  const now = nowOf(ctx);
  const key = await webhookSigningKey(ctx.db);
  const signingSalt = newSigningSalt();
  await withTransaction(ctx, async (tx) => {
    const [row] = await tx
      .select()
      .from(subscribers)
      .where(and(eq(subscribers.id, id), eq(subscribers.pageId, pageId)))
      .for('update');
    if (!row) throw new ServiceError('not_found', 'subscriber_not_found');
    if (row.channel !== 'webhook') throw new ServiceError('invalid', 'not_webhook');
    await tx.update(subscribers).set({ signingSalt }).where(eq(subscribers.id, id));
    await auditSubscriber(tx, { action: 'subscriber.rotate_secret', subscriber: row, at: now, actor: ctx.actor });
  });
  return { signingSecret: signingSecret(key, id, signingSalt) };
}
