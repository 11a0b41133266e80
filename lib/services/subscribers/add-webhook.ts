import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { subscribers } from '../../../db/schema';
import { env } from '../../env';
import { ServiceError } from '../../errors';
import { BlockedAddressError, assertHostAllowed } from '../../monitors/address-guard';
import { newSigningSalt, signingSecret, webhookSigningKey } from '../../notices/webhook-secret';
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

/** An absolute http(s) URL without credentials: they would sit in logs and the console. */
export const webhookEndpoint = z
  .string()
  .trim()
  .max(2000)
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === 'https:' || url.protocol === 'http:') && !url.username && !url.password;
    } catch {
      return false;
    }
  }, 'webhook_endpoint');

const input = z.object({
  pageId: z.uuid(),
  endpoint: webhookEndpoint,
  /** Told when the endpoint keeps failing (lib/notify/dead-letter.ts). */
  contactEmail: emailAddress,
  locale: localeSchema,
  choice: componentChoiceSchema,
});

/**
 * Adds a webhook subscriber (admins, e.g. an admin API key). It needs no confirmation: the
 * admin vouches for it. The answer carries the signing secret, the only time it is shown.
 * A former subscriber with the same endpoint comes back with a new secret.
 */
export async function addWebhookSubscriber({
  ctx,
  input: raw,
}: {
  ctx: ServiceContext;
  input: unknown;
}): Promise<{ subscriber: SubscriberRow; signingSecret: string }> {
  requireRole(ctx, ADMINS);
  const parsed = parseInput(input, raw);
  await assertEndpointAllowed(parsed.endpoint);
  const now = nowOf(ctx);
  const identity = await newSubscriberIdentity(ctx.db);
  const key = await webhookSigningKey(ctx.db);
  const signingSalt = newSigningSalt();
  const subscriber = await withTransaction(ctx, async (tx) => {
    const [existing] = await tx
      .select()
      .from(subscribers)
      .where(
        and(eq(subscribers.pageId, parsed.pageId), eq(subscribers.channel, 'webhook'), eq(subscribers.address, parsed.endpoint)),
      )
      .for('update');
    if (existing && !existing.unsubscribedAt && !existing.disabledAt)
      throw new ServiceError('conflict', 'subscriber_exists', { endpoint: ['subscriber_exists'] });
    const fields = {
      contactEmail: parsed.contactEmail,
      locale: parsed.locale,
      signingSalt,
      confirmedAt: now,
      unsubscribedAt: null,
      disabledAt: null,
      disabledReason: null,
    };
    const [row] = existing
      ? await tx.update(subscribers).set(fields).where(eq(subscribers.id, existing.id)).returning()
      : await tx
          .insert(subscribers)
          .values({ ...identity, ...fields, pageId: parsed.pageId, channel: 'webhook', address: parsed.endpoint, createdAt: now })
          .returning();
    await applyComponentChoice(tx, row, parsed.choice);
    await auditSubscriber(tx, {
      action: 'subscriber.add',
      subscriber: row,
      after: { scope: parsed.choice.scope },
      at: now,
      actor: ctx.actor,
    });
    return row;
  });
  return { subscriber, signingSecret: signingSecret(key, subscriber.id, signingSalt) };
}

/** Save-time check; the sender checks again on every connection (a name can be re-pointed). */
export async function assertEndpointAllowed(endpoint: string): Promise<void> {
  try {
    await assertHostAllowed(new URL(endpoint).hostname, env().WEBHOOK_ALLOW_PRIVATE === 'true');
  } catch (error) {
    if (error instanceof BlockedAddressError)
      throw new ServiceError('invalid', 'webhook_private', { endpoint: ['webhook_private'] });
    throw error;
  }
}
