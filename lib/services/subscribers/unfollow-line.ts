import { and, eq } from 'drizzle-orm';
import { subscribers } from '../../../db/schema';
import { resolvePage } from '../../pages/context';
import { nowOf } from '../context';
import { parseInput } from '../parse-input';
import { lineUserId } from './follow-line';
import { auditSubscriber, type PublicContext } from './shared';

/** The user blocked or removed the account: nothing more is sent (LINE would drop it anyway). */
export async function unfollowLine({ ctx, userId }: { ctx: PublicContext; userId: string }): Promise<void> {
  const address = parseInput(lineUserId, userId);
  const now = nowOf(ctx);
  await ctx.db.transaction(async (tx) => {
    const page = await resolvePage(tx);
    const [subscriber] = await tx
      .update(subscribers)
      .set({ unsubscribedAt: now })
      .where(and(eq(subscribers.pageId, page.id), eq(subscribers.channel, 'line'), eq(subscribers.address, address)))
      .returning();
    if (subscriber) await auditSubscriber(tx, { action: 'subscriber.line_unfollow', subscriber, at: now });
  });
}
