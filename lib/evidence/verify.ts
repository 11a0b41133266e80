import { and, asc, gt, lte } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { evidence } from '../../db/schema';
import { evidenceHash, GENESIS_HASH } from './canonical';

export type ChainVerdict =
  | { ok: true; rows: number; head: string }
  | { ok: false; rows: number; brokenAt: number; reason: 'content_changed' | 'link_broken' };

/**
 * Walks the chain in order, from the first row up to `upToSeq` (default: the end). The first row
 * whose stored hash does not match its content, or whose parent is not the previous row's hash
 * (a row deleted or inserted), is named.
 */
export async function verifyEvidenceChain(
  db: DbOrTx,
  batchSize = 5_000,
  upToSeq = Number.MAX_SAFE_INTEGER,
): Promise<ChainVerdict> {
  let expectedPrev = GENESIS_HASH;
  let lastSeq = 0;
  let rows = 0;
  for (;;) {
    const batch = await db
      .select()
      .from(evidence)
      .where(and(gt(evidence.seq, lastSeq), lte(evidence.seq, upToSeq)))
      .orderBy(asc(evidence.seq))
      .limit(batchSize);
    if (batch.length === 0) return { ok: true, rows, head: expectedPrev };
    for (const row of batch) {
      if (row.prevHash !== expectedPrev) return { ok: false, rows, brokenAt: row.seq, reason: 'link_broken' };
      if (evidenceHash(row) !== row.hash) return { ok: false, rows, brokenAt: row.seq, reason: 'content_changed' };
      expectedPrev = row.hash;
      lastSeq = row.seq;
      rows++;
    }
  }
}
