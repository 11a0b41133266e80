import { z } from 'zod';
import { subscribers } from '../../../db/schema';
import { instanceSecret } from '../../notices/secrets';
import { manageToken } from '../../notices/tokens';
import { resolvePage } from '../../pages/context';
import { nowOf } from '../context';
import { parseInput } from '../parse-input';
import { applyComponentChoice, auditSubscriber, newSubscriberIdentity, type PublicContext } from './shared';

export const lineUserId = z.string().regex(/^U[0-9a-f]{32}$/);

/**
 * A LINE user added the official account: following is the opt-in, so the subscription is active
 * at once, for all components (the reply links to the manage page to narrow it down).
 */
export async function followLine({
  ctx,
  userId,
}: {
  ctx: PublicContext;
  userId: string;
}): Promise<{ manageToken: string; locale: 'ja' | 'en' }> {
  const address = parseInput(lineUserId, userId);
  const now = nowOf(ctx);
  const [identity, key] = await Promise.all([newSubscriberIdentity(ctx.db), instanceSecret(ctx.db, 'subscription-links')]);
  return ctx.db.transaction(async (tx) => {
    const page = await resolvePage(tx);
    const active = { confirmedAt: now, unsubscribedAt: null, disabledAt: null, disabledReason: null };
    const [subscriber] = await tx
      .insert(subscribers)
      .values({ ...identity, ...active, pageId: page.id, channel: 'line', address, locale: page.defaultLocale, createdAt: now })
      .onConflictDoUpdate({ target: [subscribers.pageId, subscribers.channel, subscribers.address], set: active })
      .returning();
    await applyComponentChoice(tx, subscriber, { scope: 'all' });
    await auditSubscriber(tx, { action: 'subscriber.line_follow', subscriber, at: now });
    return { manageToken: manageToken(key, subscriber.id), locale: subscriber.locale };
  });
}
