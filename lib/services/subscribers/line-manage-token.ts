import { and, eq } from 'drizzle-orm';
import { subscribers } from '../../../db/schema';
import { instanceSecret } from '../../notices/secrets';
import { manageToken } from '../../notices/tokens';
import { resolvePage } from '../../pages/context';
import type { PublicContext } from './shared';

/** The manage token of an active LINE subscriber, for a "settings" message; null if unknown. */
export async function lineManageToken({
  ctx,
  userId,
}: {
  ctx: PublicContext;
  userId: string;
}): Promise<{ manageToken: string; locale: 'ja' | 'en' } | null> {
  const page = await resolvePage(ctx.db);
  const [subscriber] = await ctx.db
    .select()
    .from(subscribers)
    .where(and(eq(subscribers.pageId, page.id), eq(subscribers.channel, 'line'), eq(subscribers.address, userId)));
  if (!subscriber || subscriber.unsubscribedAt) return null;
  return {
    manageToken: manageToken(await instanceSecret(ctx.db, 'subscription-links'), subscriber.id),
    locale: subscriber.locale,
  };
}
