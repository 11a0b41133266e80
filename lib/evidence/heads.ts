import { asc, desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { evidence, evidenceHeads, type HeadReason } from '../../db/schema';
import { publishChange } from '../events/publish';
import type { ChainHead } from './head-line';

// Chain heads: the last row's sequence number and hash. Published heads (evidence_heads) go to
// the public page, the heads JSON and the feeds; every notice carries the head of its moment.
// Once a customer holds a head, a history rewritten before it can no longer pass as the original.

export interface PublishedHead extends ChainHead {
  id: number;
  publishedAt: Date;
  reason: HeadReason;
  day: string | null;
  incidentId: string | null;
}

/** Heads are published per calendar day in Japan, whatever the page's display zone. */
export const HEAD_TIME_ZONE = 'Asia/Tokyo';

/** "2026-12-07": the JST calendar day of an instant. */
export function jstDay(at: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: HEAD_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    at,
  );
}

/** The chain's last row as this transaction sees it; null while the chain is empty. */
export async function currentHead(db: DbOrTx): Promise<ChainHead | null> {
  const [row] = await db.select({ seq: evidence.seq, hash: evidence.hash }).from(evidence).orderBy(desc(evidence.seq)).limit(1);
  return row ?? null;
}

/**
 * Publishes the current head in the caller's transaction (an incident post publishes the row it
 * just appended). Nothing to publish on an empty chain.
 */
export async function publishHead(
  tx: DbOrTx,
  input: { reason: HeadReason; at: Date; incidentId?: string | null },
): Promise<PublishedHead | null> {
  const head = await currentHead(tx);
  if (!head) return null;
  const [row] = await tx
    .insert(evidenceHeads)
    .values({
      seq: head.seq,
      hash: head.hash,
      publishedAt: input.at,
      reason: input.reason,
      day: input.reason === 'daily' ? jstDay(input.at) : null,
      incidentId: input.incidentId ?? null,
    })
    .onConflictDoNothing()
    .returning();
  if (row) await publishChange(tx, { type: 'evidence', headId: row.id });
  return row ?? null;
}

/**
 * Today's (JST) daily head, once: any number of processes may call this on every tick; the
 * unique day index lets exactly one of them insert it.
 */
export async function publishDailyHead(db: DbOrTx, now: Date): Promise<PublishedHead | null> {
  const [already] = await db
    .select({ id: evidenceHeads.id })
    .from(evidenceHeads)
    .where(eq(evidenceHeads.day, jstDay(now)))
    .limit(1);
  if (already) return null;
  return publishHead(db, { reason: 'daily', at: now });
}

/** Every published head, oldest first (a few hundred a year). */
export async function listPublishedHeads(db: DbOrTx): Promise<PublishedHead[]> {
  return db.select().from(evidenceHeads).orderBy(asc(evidenceHeads.id));
}
