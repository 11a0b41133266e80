import { and, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { subscribers } from '../../../db/schema';
import { resolvePage } from '../../pages/context';
import { nowOf } from '../context';
import { parseInput } from '../parse-input';
import { auditSubscriber, type PublicContext } from './shared';

const roomId = z.string().regex(/^\d{1,20}$/);

/** The service account is no longer in the room (removed, or the room is gone): that subscriber stops. */
export async function leaveChatworkRoom({ ctx, roomId: room }: { ctx: PublicContext; roomId: string }): Promise<boolean> {
  const address = parseInput(roomId, room);
  const now = nowOf(ctx);
  return ctx.db.transaction(async (tx) => {
    const page = await resolvePage(tx);
    const [subscriber] = await tx
      .update(subscribers)
      .set({ unsubscribedAt: now })
      .where(
        and(
          eq(subscribers.pageId, page.id),
          eq(subscribers.channel, 'chatwork'),
          eq(subscribers.address, address),
          isNull(subscribers.unsubscribedAt),
        ),
      )
      .returning();
    if (subscriber) await auditSubscriber(tx, { action: 'subscriber.chatwork_removed', subscriber, at: now });
    return Boolean(subscriber);
  });
}
