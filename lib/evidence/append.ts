import { desc, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { evidence } from '../../db/schema';
import { evidenceHash, GENESIS_HASH } from './canonical';

export type EvidenceKind =
  | 'component_status'
  | 'incident_post'
  | 'maintenance_post'
  | 'delivery_result'
  | 'monitor_detection'
  | 'incident_withdrawal'
  | 'demo_removal'
  | 'sla_input'
  | 'coverage_started';

/**
 * Appends rows to the hash chain. Must run inside the caller's transaction; the advisory
 * lock serialises appenders across connections so two rows never share a parent.
 */
export async function appendEvidence(
  tx: DbOrTx,
  entries: { kind: EvidenceKind; occurredAt: Date; content: Record<string, unknown> }[],
): Promise<void> {
  if (entries.length === 0) return;
  await tx.execute(sql`select pg_advisory_xact_lock(7424157)`);
  const [last] = await tx.select({ hash: evidence.hash }).from(evidence).orderBy(desc(evidence.seq)).limit(1);
  let prevHash = last?.hash ?? GENESIS_HASH;
  const rows = entries.map((entry) => {
    const hash = evidenceHash({ prevHash, ...entry });
    const row = { ...entry, prevHash, hash };
    prevHash = hash;
    return row;
  });
  await tx.insert(evidence).values(rows);
}
