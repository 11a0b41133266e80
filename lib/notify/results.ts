import { sql } from 'drizzle-orm';
import { rowsOf, type Db, type Tx } from '../../db/client';
import { subscribers } from '../../db/schema';
import type { DeliveryStatus } from '../domain/statuses';
import { appendEvidence } from '../evidence/append';
import { publishChange } from '../events/publish';
import type { SendResult } from '../channels/types';
import type { ClaimedDelivery } from './claims';
import { deadLetterEndpoints, type DeadEndpoint } from './dead-letter';
import { retryDelayMs, type RetryPolicy } from './retry-policy';
import { instanceSecret } from '../notices/secrets';
import { recipientHash } from '../notices/tokens';

// Writing what happened to claimed deliveries: sent, retry later, or final failure ("dead").
// Final results go to the evidence ledger in the same transaction, naming the recipient only by
// a keyed hash, so deleting a subscriber's personal data later leaves the chain valid.

export interface DeliveryOutcome {
  delivery: ClaimedDelivery;
  result: SendResult;
}

interface RowUpdate {
  id: number;
  attempts: number;
  status: DeliveryStatus;
  sentAt: Date | null;
  nextAttemptAt: Date | null;
  providerMessageId: string | null;
  lastError: string | null;
}

export interface RecordedResults {
  sent: number;
  failed: number;
  dead: number;
  cancelled: number;
  /** Rows whose lease had passed to another worker: nothing was written for them. */
  stale: number;
}

export async function recordResults(
  db: Db,
  input: {
    pageId: string;
    messageId: string;
    outcomes: DeliveryOutcome[];
    now: Date;
    policy: RetryPolicy;
    random?: () => number;
  },
): Promise<RecordedResults> {
  const { now, policy } = input;
  const batchDelay = new Map<string, number>();
  const updates: RowUpdate[] = input.outcomes.map(({ delivery, result }) => {
    const base = { id: delivery.id, attempts: delivery.attempts, sentAt: null, nextAttemptAt: null, providerMessageId: null };
    if (result.outcome === 'sent')
      return { ...base, status: 'sent', sentAt: now, providerMessageId: result.providerMessageId ?? null, lastError: null };
    const error = (result.error ?? result.reason ?? 'failed').slice(0, 500);
    if (result.outcome === 'permanent' || delivery.attempts >= policy.maxAttempts)
      return { ...base, status: 'dead', lastError: error };
    // One delay per LINE batch: its rows must come back together to be retried under their key.
    const group = delivery.batchKey ?? `row:${delivery.id}`;
    if (!batchDelay.has(group)) batchDelay.set(group, retryDelayMs(delivery.attempts, result.retryAfterMs, policy, input.random));
    return { ...base, status: 'failed', nextAttemptAt: new Date(now.getTime() + batchDelay.get(group)!), lastError: error };
  });
  return writeUpdates(db, input, updates);
}

/** Rows that must not be sent any more (the subscriber left or was removed). */
export async function cancelDeliveries(
  db: Db,
  input: { pageId: string; messageId: string; deliveries: ClaimedDelivery[]; now: Date; reason: string },
) {
  const updates: RowUpdate[] = input.deliveries.map((d) => ({
    id: d.id,
    attempts: d.attempts,
    status: 'cancelled',
    sentAt: null,
    nextAttemptAt: null,
    providerMessageId: null,
    lastError: input.reason,
  }));
  const outcomes = input.deliveries.map((delivery) => ({
    delivery,
    result: { recipientId: String(delivery.id), outcome: 'permanent' as const },
  }));
  return writeUpdates(db, { ...input, outcomes }, updates);
}

async function writeUpdates(
  db: Db,
  input: { pageId: string; messageId: string; outcomes: DeliveryOutcome[]; now: Date },
  updates: RowUpdate[],
): Promise<RecordedResults> {
  const counts: RecordedResults = { sent: 0, failed: 0, dead: 0, cancelled: 0, stale: 0 };
  if (updates.length === 0) return counts;
  const hashKey = await instanceSecret(db, 'recipient-hash');
  return db.transaction(async (tx) => {
    const written = await applyRowUpdates(tx, updates);
    counts.stale = updates.length - written.size;
    const byId = new Map(input.outcomes.map((o) => [o.delivery.id, o]));
    const finals: Parameters<typeof appendEvidence>[1] = [];
    const disable: { subscriberId: string; reason: string }[] = [];
    const deadEndpoints: DeadEndpoint[] = [];
    for (const update of updates) {
      if (!written.has(update.id)) continue;
      counts[update.status as keyof RecordedResults]++;
      if (update.status === 'failed') continue;
      const { delivery, result } = byId.get(update.id)!;
      // A webhook given up for its endpoint's sake (not our own unreadable message) is dead-lettered.
      if (
        update.status === 'dead' &&
        delivery.channel === 'webhook' &&
        result.reason !== 'message' &&
        delivery.subscriberId &&
        delivery.address
      ) {
        deadEndpoints.push({
          subscriberId: delivery.subscriberId,
          endpoint: delivery.address,
          contactEmail: delivery.contactEmail,
          locale: delivery.locale,
          error: update.lastError ?? 'failed',
        });
      } else if (
        update.status === 'dead' &&
        result.outcome === 'permanent' &&
        result.reason === 'recipient' &&
        delivery.subscriberId
      ) {
        disable.push({ subscriberId: delivery.subscriberId, reason: update.lastError ?? 'recipient refused' });
      }
      finals.push({
        kind: 'delivery_result',
        occurredAt: update.sentAt ?? input.now,
        content: {
          deliveryId: update.id,
          messageId: delivery.messageId,
          channel: delivery.channel,
          outcome: update.status,
          recipient: delivery.address === null ? null : recipientHash(hashKey, delivery.channel, delivery.address),
          attempts: update.attempts,
          providerMessageId: update.providerMessageId,
          ...(update.status === 'sent' ? {} : { error: update.lastError }),
        },
      });
    }
    for (const { subscriberId, reason } of disable) {
      await tx
        .update(subscribers)
        .set({ disabledAt: input.now, disabledReason: reason.slice(0, 200) })
        .where(sql`${subscribers.id} = ${subscriberId} and ${subscribers.disabledAt} is null`);
    }
    await deadLetterEndpoints(tx, deadEndpoints, input.now);
    await appendEvidence(tx, finals);
    await publishChange(tx, { type: 'deliveries', pageId: input.pageId, messageId: input.messageId });
    return counts;
  });
}

/** One UPDATE … FROM (VALUES …) for the whole batch, fenced by (id, attempts); returns the ids written. */
async function applyRowUpdates(tx: Tx, updates: RowUpdate[]): Promise<Set<number>> {
  const values = sql.join(
    updates.map(
      (u) =>
        sql`(${u.id}::bigint, ${u.attempts}::int, ${u.status}::text, ${u.sentAt?.toISOString() ?? null}::timestamptz, ${u.nextAttemptAt?.toISOString() ?? null}::timestamptz, ${u.providerMessageId}::text, ${u.lastError}::text)`,
    ),
    sql`, `,
  );
  const result = await tx.execute(sql`
    update deliveries d set
      status = v.status,
      sent_at = coalesce(v.sent_at, d.sent_at),
      next_attempt_at = coalesce(v.next_attempt_at, d.next_attempt_at),
      provider_message_id = coalesce(v.provider_message_id, d.provider_message_id),
      last_error = v.last_error,
      claimed_until = null
    from (values ${values}) as v(id, attempts, status, sent_at, next_attempt_at, provider_message_id, last_error)
    where d.id = v.id and d.attempts = v.attempts and d.status in ('queued', 'failed')
    returning d.id`);
  return new Set(rowsOf<{ id: number | string }>(result).map((r) => Number(r.id)));
}
