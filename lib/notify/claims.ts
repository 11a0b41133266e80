import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import { rowsOf, type Db, type DbOrTx } from '../../db/client';
import { deliveries, subscribers } from '../../db/schema';
import type { Channel } from '../domain/statuses';
import type { Locale } from '../i18n/locales';
import { LINE_MULTICAST_MAX } from '../channels/line';

// Taking due deliveries for one worker. A claim is a lease: claimed_until in the future keeps
// other workers off the rows, and a worker that dies simply lets it run out. Every claim adds an
// attempt; (id, attempts) fences the result so a worker whose lease ran out cannot record it.

export interface ClaimedDelivery {
  id: number;
  messageId: string;
  channel: Channel;
  /** Including this claim. */
  attempts: number;
  batchKey: string | null;
  subscriberId: string | null;
  /** Null once the subscriber was removed. */
  address: string | null;
  locale: Locale;
  /** Unsubscribed, disabled or removed since the row was queued: not to be sent. */
  inactive: boolean;
  /** Confirmed subscribers only receive notices; a confirmation email goes before confirmation. */
  confirmed: boolean;
  /** Webhook only: the salt its signing secret is derived from (lib/notices/webhook-secret.ts). */
  signingSalt: string | null;
  /** Webhook only: who is told when the endpoint is given up. */
  contactEmail: string | null;
}

export interface ClaimOptions {
  channel: Channel;
  limit: number;
  leaseMs: number;
  now: Date;
}

const PENDING = ['queued', 'failed'] as const;

function dueCondition(now: Date) {
  return and(
    inArray(deliveries.status, [...PENDING]),
    lte(deliveries.nextAttemptAt, now),
    or(isNull(deliveries.claimedUntil), lte(deliveries.claimedUntil, now)),
  );
}

/** Email and Chatwork: any due rows, oldest first, skipping rows another worker holds. */
export async function claimDue(db: Db, options: ClaimOptions): Promise<ClaimedDelivery[]> {
  return db.transaction(async (tx) => {
    const due = tx
      .select({ id: deliveries.id })
      .from(deliveries)
      .where(and(eq(deliveries.channel, options.channel), dueCondition(options.now)))
      .orderBy(asc(deliveries.nextAttemptAt), asc(deliveries.id))
      .limit(options.limit)
      .for('update', { skipLocked: true });
    const rows = await tx
      .update(deliveries)
      .set({ claimedUntil: new Date(options.now.getTime() + options.leaseMs), attempts: sql`${deliveries.attempts} + 1` })
      .where(inArray(deliveries.id, due))
      .returning();
    return withSubscribers(tx, rows);
  });
}

/**
 * LINE: whole batches, because a batch's retry key must never cover more people than it first
 * did (a 409 would mark someone sent who never got it). Retried batches come back whole under
 * an advisory lock per key; fresh rows are cut into new batches of ≤ 500 per message and
 * language, and each batch's key is committed with the claim, before anything is sent.
 */
export async function claimLineBatches(
  db: Db,
  options: Omit<ClaimOptions, 'channel'> & { maxBatches: number },
): Promise<ClaimedDelivery[][]> {
  return db.transaction(async (tx) => {
    const lease = { claimedUntil: new Date(options.now.getTime() + options.leaseMs), attempts: sql`${deliveries.attempts} + 1` };
    const batches: ClaimedDelivery[][] = [];

    const retryKeys = await tx
      .selectDistinct({ batchKey: deliveries.batchKey })
      .from(deliveries)
      .where(and(eq(deliveries.channel, 'line'), sql`${deliveries.batchKey} is not null`, dueCondition(options.now)))
      .limit(options.maxBatches);
    for (const { batchKey } of retryKeys) {
      const key = batchKey!;
      const locked = await tx.execute(sql`select pg_try_advisory_xact_lock(7424159, hashtext(${key})) as locked`);
      if (!firstBoolean(locked)) continue;
      const rows = await tx
        .update(deliveries)
        .set(lease)
        .where(and(eq(deliveries.batchKey, key), dueCondition(options.now)))
        .returning();
      if (rows.length > 0)
        batches.push(
          await withSubscribers(
            tx,
            rows.sort((a, b) => a.id - b.id),
          ),
        );
    }

    const room = (options.maxBatches - batches.length) * LINE_MULTICAST_MAX;
    if (room <= 0) return batches;
    const fresh = tx
      .select({ id: deliveries.id })
      .from(deliveries)
      .where(and(eq(deliveries.channel, 'line'), isNull(deliveries.batchKey), dueCondition(options.now)))
      .orderBy(asc(deliveries.messageId), asc(deliveries.id))
      .limit(Math.min(room, options.limit))
      .for('update', { skipLocked: true });
    const claimed = await withSubscribers(
      tx,
      await tx.update(deliveries).set(lease).where(inArray(deliveries.id, fresh)).returning(),
    );
    for (const group of groupBy(
      claimed.sort((a, b) => a.id - b.id),
      (d) => `${d.messageId}:${d.locale}`,
    )) {
      for (let i = 0; i < group.length; i += LINE_MULTICAST_MAX) {
        const batch = group.slice(i, i + LINE_MULTICAST_MAX);
        const batchKey = randomUUID();
        await tx
          .update(deliveries)
          .set({ batchKey })
          .where(
            inArray(
              deliveries.id,
              batch.map((d) => d.id),
            ),
          );
        batches.push(batch.map((d) => ({ ...d, batchKey })));
      }
    }
    return batches;
  });
}

async function withSubscribers(tx: DbOrTx, rows: (typeof deliveries.$inferSelect)[]): Promise<ClaimedDelivery[]> {
  const ids = [...new Set(rows.flatMap((r) => (r.subscriberId ? [r.subscriberId] : [])))];
  const found = ids.length
    ? await tx
        .select({
          id: subscribers.id,
          address: subscribers.address,
          locale: subscribers.locale,
          confirmedAt: subscribers.confirmedAt,
          unsubscribedAt: subscribers.unsubscribedAt,
          disabledAt: subscribers.disabledAt,
          signingSalt: subscribers.signingSalt,
          contactEmail: subscribers.contactEmail,
        })
        .from(subscribers)
        .where(inArray(subscribers.id, ids))
    : [];
  const byId = new Map(found.map((s) => [s.id, s]));
  return rows.map((row) => {
    const s = row.subscriberId ? byId.get(row.subscriberId) : undefined;
    return {
      id: Number(row.id),
      messageId: row.messageId,
      channel: row.channel,
      attempts: row.attempts,
      batchKey: row.batchKey,
      subscriberId: row.subscriberId,
      address: s?.address ?? null,
      locale: s?.locale ?? 'ja',
      inactive: !s || s.unsubscribedAt !== null || s.disabledAt !== null,
      confirmed: s?.confirmedAt != null,
      signingSalt: s?.signingSalt ?? null,
      contactEmail: s?.contactEmail ?? null,
    };
  });
}

export function groupBy<T>(items: readonly T[], key: (item: T) => string): T[][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return [...groups.values()];
}

function firstBoolean(result: unknown): boolean {
  return rowsOf<{ locked?: boolean }>(result)[0]?.locked === true;
}
