import { eq } from 'drizzle-orm';
import { subscribers } from '../../../db/schema';
import type { Channel } from '../../domain/statuses';
import { nowOf } from '../context';
import { subscriberByManageToken } from './by-token';
import { auditSubscriber, type PublicContext } from './shared';

/**
 * Leaves by manage token: the RFC 8058 one-click POST, the manage page's button, and LINE's
 * unfollow all end here. Idempotent: leaving twice changes nothing the second time.
 */
export async function unsubscribeByToken({
  ctx,
  token,
}: {
  ctx: PublicContext;
  token: string;
}): Promise<{ channel: Channel; changed: boolean }> {
  const now = nowOf(ctx);
  return ctx.db.transaction(async (tx) => {
    const subscriber = await subscriberByManageToken(tx, token, { lock: true });
    if (subscriber.unsubscribedAt) return { channel: subscriber.channel, changed: false };
    await tx.update(subscribers).set({ unsubscribedAt: now }).where(eq(subscribers.id, subscriber.id));
    await auditSubscriber(tx, { action: 'subscriber.unsubscribe', subscriber, at: now });
    return { channel: subscriber.channel, changed: true };
  });
}
