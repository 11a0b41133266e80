import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { subscribers } from '../../../db/schema';
import { ServiceError } from '../../errors';
import { nowOf } from '../context';
import { parseInput } from '../parse-input';
import { subscriberByManageToken } from './by-token';
import { applyComponentChoice, auditSubscriber, componentChoiceSchema, localeSchema, type PublicContext } from './shared';

const input = z.object({ token: z.string().max(100), locale: localeSchema, choice: componentChoiceSchema });

/** The manage page's save: which components, and the language messages come in. */
export async function updateSubscriptionPreferences({ ctx, input: raw }: { ctx: PublicContext; input: unknown }): Promise<void> {
  const parsed = parseInput(input, raw);
  const now = nowOf(ctx);
  await ctx.db.transaction(async (tx) => {
    const subscriber = await subscriberByManageToken(tx, parsed.token, { lock: true });
    if (subscriber.unsubscribedAt) throw new ServiceError('conflict', 'subscription_ended');
    await tx.update(subscribers).set({ locale: parsed.locale }).where(eq(subscribers.id, subscriber.id));
    await applyComponentChoice(tx, subscriber, parsed.choice);
    await auditSubscriber(tx, {
      action: 'subscriber.preferences',
      subscriber,
      after: { scope: parsed.choice.scope, locale: parsed.locale },
      at: now,
    });
  });
}
