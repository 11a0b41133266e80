import { and, asc, desc, gte, lt, lte } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { evidenceHeads } from '../../db/schema';
import type { PublishedHead } from './heads';

// The published heads an SLA report rests on: the last one before its period (the history the
// month starts from) and those published during it, up to the head the figures were read at.
// A customer holding any of them (mails, the heads JSON) can check the report against them.

/** A month has ~31 daily heads; incident posts add more. Beyond this the heads JSON has them all. */
const REPORT_HEADS_MAX = 200;

export async function loadReportHeads(
  db: DbOrTx,
  input: { start: Date; end: Date; upToSeq: number | null },
): Promise<PublishedHead[]> {
  if (input.upToSeq === null) return [];
  const [before, during] = await Promise.all([
    db
      .select()
      .from(evidenceHeads)
      .where(and(lt(evidenceHeads.publishedAt, input.start), lte(evidenceHeads.seq, input.upToSeq)))
      .orderBy(desc(evidenceHeads.id))
      .limit(1),
    db
      .select()
      .from(evidenceHeads)
      .where(
        and(
          gte(evidenceHeads.publishedAt, input.start),
          lt(evidenceHeads.publishedAt, input.end),
          lte(evidenceHeads.seq, input.upToSeq),
        ),
      )
      .orderBy(asc(evidenceHeads.id))
      .limit(REPORT_HEADS_MAX),
  ]);
  return [...before, ...during];
}
