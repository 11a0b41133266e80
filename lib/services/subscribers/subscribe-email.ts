import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { subscribers } from '../../../db/schema';
import { enqueueConfirmationEmail } from '../../notices/confirmation';
import { resolvePage } from '../../pages/context';
import { nowOf } from '../context';
import { parseInput } from '../parse-input';
import { admitEmailSubscription } from './abuse-limits';
import {
  applyComponentChoice,
  auditSubscriber,
  componentChoiceSchema,
  emailAddress,
  localeSchema,
  newSubscriberIdentity,
  visitorOf,
  type PublicContext,
} from './shared';

/** A second confirmation email to the same address waits this long (someone pressing twice, or abuse). */
export const CONFIRMATION_RESEND_MS = 2 * 60 * 1000;

const input = z.object({
  email: emailAddress,
  locale: localeSchema,
  choice: componentChoiceSchema,
});

/**
 * Double opt-in, step one: records the wish and mails a signed, expiring confirmation link.
 * The answer is the same whether or not the address is known, so the form reveals no one.
 * Limits per visitor address, network and recipient domain refuse (rate_limited); user+tag@
 * counts as user@ for the few confirmation mails a mailbox may get a day.
 * An active subscriber is left as is (their link leads to their manage page); a pending or
 * former one gets the new choice and must confirm again.
 */
export async function subscribeByEmail({ ctx, input: raw }: { ctx: PublicContext; input: unknown }): Promise<{ accepted: true }> {
  const parsed = parseInput(input, raw);
  const now = nowOf(ctx);
  // Over the mailbox's limit the answer is the same and no mail goes out.
  if (!(await admitEmailSubscription(ctx.db, { email: parsed.email, clientAddress: visitorOf(ctx), now })))
    return { accepted: true };
  const identity = await newSubscriberIdentity(ctx.db);
  await ctx.db.transaction(async (tx) => {
    const page = await resolvePage(tx);
    const [existing] = await tx
      .select()
      .from(subscribers)
      .where(and(eq(subscribers.pageId, page.id), eq(subscribers.channel, 'email'), eq(subscribers.address, parsed.email)))
      .for('update');
    if (existing?.confirmationSentAt && now.getTime() - existing.confirmationSentAt.getTime() < CONFIRMATION_RESEND_MS) return;

    let subscriber = existing;
    const active = existing?.confirmedAt && !existing.unsubscribedAt && !existing.disabledAt;
    if (!existing) {
      [subscriber] = await tx
        .insert(subscribers)
        .values({
          ...identity,
          pageId: page.id,
          channel: 'email',
          address: parsed.email,
          locale: parsed.locale,
          confirmationSentAt: now,
          createdAt: now,
        })
        .returning();
    } else if (!active) {
      [subscriber] = await tx
        .update(subscribers)
        .set({
          locale: parsed.locale,
          confirmedAt: null,
          unsubscribedAt: null,
          disabledAt: null,
          disabledReason: null,
          confirmationSentAt: now,
        })
        .where(eq(subscribers.id, existing.id))
        .returning();
    } else {
      await tx.update(subscribers).set({ confirmationSentAt: now }).where(eq(subscribers.id, existing.id));
    }
    if (!active) await applyComponentChoice(tx, subscriber!, parsed.choice);
    await enqueueConfirmationEmail(tx, { pageId: page.id, subscriberId: subscriber!.id, timeZone: page.timeZone, at: now });
    await auditSubscriber(tx, {
      action: 'subscriber.subscribe',
      subscriber: subscriber!,
      after: { scope: parsed.choice.scope, pending: !active },
      at: now,
    });
  });
  return { accepted: true };
}
