import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { pages, subscribers } from '../../../db/schema';
import { ServiceError } from '../../errors';
import { enqueueConfirmationEmail } from '../../notices/confirmation';
import { ADMINS, nowOf, requireRole, withTransaction, type ServiceContext } from '../context';
import { parseInput } from '../parse-input';
import {
  applyComponentChoice,
  auditSubscriber,
  componentChoiceSchema,
  emailAddress,
  localeSchema,
  newSubscriberIdentity,
  type SubscriberRow,
} from './shared';

const input = z.object({
  pageId: z.uuid(),
  email: emailAddress,
  locale: localeSchema,
  choice: componentChoiceSchema,
  /** Statuspage's skip_confirmation_notification: the admin vouches for the address. */
  skipConfirmation: z.boolean().default(false),
});

/**
 * Adds an email subscriber for an admin (the API's POST /subscribers). Without
 * skipConfirmation the address gets the usual double opt-in mail and receives notices only
 * once it confirms. An active subscriber is a conflict; a former or pending one starts again.
 */
export async function addEmailSubscriber({ ctx, input: raw }: { ctx: ServiceContext; input: unknown }): Promise<SubscriberRow> {
  requireRole(ctx, ADMINS);
  const parsed = parseInput(input, raw);
  const now = nowOf(ctx);
  const identity = await newSubscriberIdentity(ctx.db);
  return withTransaction(ctx, async (tx) => {
    const [existing] = await tx
      .select()
      .from(subscribers)
      .where(and(eq(subscribers.pageId, parsed.pageId), eq(subscribers.channel, 'email'), eq(subscribers.address, parsed.email)))
      .for('update');
    if (existing?.confirmedAt && !existing.unsubscribedAt && !existing.disabledAt)
      throw new ServiceError('conflict', 'subscriber_exists', { email: ['subscriber_exists'] });
    const fields = {
      locale: parsed.locale,
      confirmedAt: parsed.skipConfirmation ? now : null,
      confirmationSentAt: parsed.skipConfirmation ? null : now,
      unsubscribedAt: null,
      disabledAt: null,
      disabledReason: null,
    };
    const [row] = existing
      ? await tx.update(subscribers).set(fields).where(eq(subscribers.id, existing.id)).returning()
      : await tx
          .insert(subscribers)
          .values({ ...identity, ...fields, pageId: parsed.pageId, channel: 'email', address: parsed.email, createdAt: now })
          .returning();
    await applyComponentChoice(tx, row, parsed.choice);
    if (!parsed.skipConfirmation) {
      const [page] = await tx.select({ timeZone: pages.timeZone }).from(pages).where(eq(pages.id, parsed.pageId));
      await enqueueConfirmationEmail(tx, { pageId: parsed.pageId, subscriberId: row.id, timeZone: page.timeZone, at: now });
    }
    await auditSubscriber(tx, {
      action: 'subscriber.add',
      subscriber: row,
      after: { scope: parsed.choice.scope, pending: !parsed.skipConfirmation },
      at: now,
      actor: ctx.actor,
    });
    return row;
  });
}
