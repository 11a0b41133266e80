import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { subscribers } from '../../../db/schema';
import { isSlackWebhookUrl } from '../../channels/slack';
import { env } from '../../env';
import { enqueueConfirmationEmail } from '../../notices/confirmation';
import { resolvePage } from '../../pages/context';
import { nowOf } from '../context';
import { parseInput } from '../parse-input';
import { admitSlackSubscription } from './abuse-limits';
import { CONFIRMATION_RESEND_MS } from './subscribe-email';
import {
  applyComponentChoice,
  auditSubscriber,
  componentChoiceSchema,
  localeSchema,
  newSubscriberIdentity,
  visitorOf,
  type PublicContext,
} from './shared';

const input = z.object({
  webhookUrl: z
    .string()
    .trim()
    .max(500)
    .refine((url) => isSlackWebhookUrl(url, env().SLACK_WEBHOOK_BASE_URL), 'slack_webhook_url'),
  locale: localeSchema,
  choice: componentChoiceSchema,
});

/**
 * A Slack channel's incoming webhook, step one: the first post to the channel is a confirmation
 * with a signed link, and nothing else is posted until a member presses it (the same link and
 * page as email's double opt-in). The answer is the same whether or not the hook is known.
 */
export async function subscribeSlack({ ctx, input: raw }: { ctx: PublicContext; input: unknown }): Promise<{ accepted: true }> {
  const parsed = parseInput(input, raw);
  const now = nowOf(ctx);
  if (!(await admitSlackSubscription(ctx.db, { webhookUrl: parsed.webhookUrl, clientAddress: visitorOf(ctx), now })))
    return { accepted: true };
  const identity = await newSubscriberIdentity(ctx.db);
  await ctx.db.transaction(async (tx) => {
    const page = await resolvePage(tx);
    const [existing] = await tx
      .select()
      .from(subscribers)
      .where(and(eq(subscribers.pageId, page.id), eq(subscribers.channel, 'slack'), eq(subscribers.address, parsed.webhookUrl)))
      .for('update');
    if (existing?.confirmationSentAt && now.getTime() - existing.confirmationSentAt.getTime() < CONFIRMATION_RESEND_MS) return;
    const active = existing?.confirmedAt && !existing.unsubscribedAt && !existing.disabledAt;
    // An active channel keeps its subscription; a second request only posts nothing new.
    if (active) return;
    const fields = {
      locale: parsed.locale,
      confirmedAt: null,
      unsubscribedAt: null,
      disabledAt: null,
      disabledReason: null,
      confirmationSentAt: now,
    };
    const [subscriber] = existing
      ? await tx.update(subscribers).set(fields).where(eq(subscribers.id, existing.id)).returning()
      : await tx
          .insert(subscribers)
          .values({ ...identity, ...fields, pageId: page.id, channel: 'slack', address: parsed.webhookUrl, createdAt: now })
          .returning();
    await applyComponentChoice(tx, subscriber, parsed.choice);
    await enqueueConfirmationEmail(tx, {
      pageId: page.id,
      subscriberId: subscriber.id,
      timeZone: page.timeZone,
      at: now,
      channel: 'slack',
    });
    await auditSubscriber(tx, {
      action: 'subscriber.subscribe',
      subscriber,
      after: { scope: parsed.choice.scope, pending: true },
      at: now,
    });
  });
  return { accepted: true };
}
