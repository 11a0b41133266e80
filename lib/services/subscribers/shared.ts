import { randomUUID } from 'node:crypto';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, DbOrTx } from '../../../db/client';
import { components, subscriberComponents, subscribers } from '../../../db/schema';
import { ServiceError } from '../../errors';
import { LOCALES } from '../../i18n/locales';
import { instanceSecret } from '../../notices/secrets';
import { hashManageToken, manageToken } from '../../notices/tokens';
import { writeAudit } from '../audit/write';
import { systemActor } from '../context';

// Pieces shared by the subscription verbs. Self-service verbs have no signed-in actor: holding
// the address's mailbox, the LINE account, the room's code or a manage token is the right.

/** `clientAddress`: the visitor's address, for the public forms' limits (abuse-limits.ts). */
export type PublicContext = { db: Db; now?: () => Date; clientAddress?: string };

/** Callers without an address (scripts, tests) share one bucket: stricter, never a way around. */
export const visitorOf = (ctx: PublicContext) => ctx.clientAddress ?? 'unknown';

export const selfService = systemActor('subscriber');

export type SubscriberRow = typeof subscribers.$inferSelect;

/** "all", or a non-empty list of component ids (form field components[] plus a scope radio). */
export const componentChoiceSchema = z.discriminatedUnion('scope', [
  z.object({ scope: z.literal('all') }),
  z.object({ scope: z.literal('some'), componentIds: z.array(z.uuid()).min(1).max(200) }),
]);
export type ComponentChoice = z.infer<typeof componentChoiceSchema>;

export const localeSchema = z.enum(LOCALES).default('ja');

/** A new subscriber's id and the hash of its manage token (the token itself is derived from the id). */
export async function newSubscriberIdentity(db: Db): Promise<{ id: string; manageTokenHash: string }> {
  const id = randomUUID();
  return { id, manageTokenHash: hashManageToken(manageToken(await instanceSecret(db, 'subscription-links'), id)) };
}

/** Replaces a subscriber's components; ids must be live components of the subscriber's page. */
export async function applyComponentChoice(
  tx: DbOrTx,
  subscriber: { id: string; pageId: string },
  choice: ComponentChoice,
): Promise<void> {
  await tx.delete(subscriberComponents).where(eq(subscriberComponents.subscriberId, subscriber.id));
  if (choice.scope === 'all') {
    await tx.update(subscribers).set({ allComponents: true }).where(eq(subscribers.id, subscriber.id));
    return;
  }
  const ids = [...new Set(choice.componentIds)];
  const known = await tx
    .select({ id: components.id })
    .from(components)
    .where(and(inArray(components.id, ids), eq(components.pageId, subscriber.pageId), isNull(components.deletedAt)));
  if (known.length !== ids.length)
    throw new ServiceError('invalid', 'unknown_component', { componentIds: ['unknown_component'] });
  await tx.insert(subscriberComponents).values(ids.map((componentId) => ({ subscriberId: subscriber.id, componentId })));
  await tx.update(subscribers).set({ allComponents: false }).where(eq(subscribers.id, subscriber.id));
}

/** Audit rows name subscribers by id and channel only: the log outlives a removed address. */
export async function auditSubscriber(
  tx: DbOrTx,
  entry: {
    action: string;
    subscriber: Pick<SubscriberRow, 'id' | 'channel'>;
    after?: Record<string, unknown>;
    at: Date;
    actor?: Parameters<typeof writeAudit>[1];
  },
): Promise<void> {
  await writeAudit(tx, entry.actor ?? selfService, {
    action: entry.action,
    entityType: 'subscriber',
    entityId: entry.subscriber.id,
    after: { channel: entry.subscriber.channel, ...entry.after },
    at: entry.at,
  });
}

/** Addresses are kept trimmed and lower-cased, so one mailbox is one subscriber. */
export const emailAddress = z.preprocess((v) => (typeof v === 'string' ? v.trim().toLowerCase() : v), z.email().max(254));
