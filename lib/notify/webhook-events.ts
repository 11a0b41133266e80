import { and, eq, gt, lt, ne, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { webhookEvents } from '../../db/schema';

// Signed webhook bodies can be captured and posted again: the signature has no time in it.
// An event is acted on once (by its id), and never when something newer already happened to
// the same user or room (a replayed follow after an unfollow). Events older than the memory
// are refused outright, so forgetting old ids opens nothing.

const MEMORY_MS = 7 * 86_400_000;

export type WebhookEventVerdict = 'new' | 'duplicate' | 'stale';

export type WebhookEventClaim = { source: 'line' | 'chatwork'; eventId: string; subject: string; occurredAt: Date };

/** Records the event if it should be acted on; 'duplicate' and 'stale' events are to be skipped. */
export async function claimWebhookEvent(db: Db, event: WebhookEventClaim, now = new Date()): Promise<WebhookEventVerdict> {
  if (Number.isNaN(event.occurredAt.getTime()) || event.occurredAt.getTime() < now.getTime() - MEMORY_MS) return 'stale';
  return db.transaction(async (tx) => {
    // One subject at a time, so two deliveries for one user cannot both pass the "newer" check.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`${event.source}:${event.subject}`}))`);
    const inserted = await tx
      .insert(webhookEvents)
      .values({ ...event, receivedAt: now })
      .onConflictDoNothing()
      .returning({ eventId: webhookEvents.eventId });
    if (inserted.length === 0) return 'duplicate';
    const [newer] = await tx
      .select({ eventId: webhookEvents.eventId })
      .from(webhookEvents)
      .where(
        and(
          eq(webhookEvents.source, event.source),
          eq(webhookEvents.subject, event.subject),
          ne(webhookEvents.eventId, event.eventId),
          gt(webhookEvents.occurredAt, event.occurredAt),
        ),
      )
      .limit(1);
    return newer ? 'stale' : 'new';
  });
}

/** Forgets a claimed event whose handling failed, so the provider's redelivery is acted on. */
export async function releaseWebhookEvent(db: Db, event: Pick<WebhookEventClaim, 'source' | 'eventId'>): Promise<void> {
  await db.delete(webhookEvents).where(and(eq(webhookEvents.source, event.source), eq(webhookEvents.eventId, event.eventId)));
}

/** Drops ids older than the memory (events that old are refused anyway). */
export async function forgetOldWebhookEvents(db: Db, now = new Date()): Promise<void> {
  await db.delete(webhookEvents).where(lt(webhookEvents.receivedAt, new Date(now.getTime() - MEMORY_MS - 86_400_000)));
}
