// The second half of `evidence:verify`: every row an SLA figure is computed from must equal
// its latest snapshot in the chain (./sla-inputs.ts), and every delivery's status and sent_at
// its latest `delivery_result`. A difference is named by table, row and column.
import { createHash } from 'node:crypto';
import { and, asc, gt, inArray, isNotNull, or } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { deliveries, evidence } from '../../db/schema';
import { canonicalJson } from './canonical';
import { COVERED_TABLES, readCoveredRows, type CoveredRow } from './sla-inputs';
import { verifyEvidenceChain, type ChainVerdict } from './verify';

export type InputProblem = 'changed' | 'no_evidence' | 'row_missing';

export interface InputMismatch {
  table: string;
  row: string;
  /** null when the whole row is missing or was never recorded. */
  column: string | null;
  stored: unknown;
  recorded: unknown;
  /** The evidence row the stored value was compared with. */
  evidenceSeq: number | null;
  problem: InputProblem;
}

export interface InputsVerdict {
  ok: boolean;
  rowsChecked: number;
  mismatchCount: number;
  /** The first differences, in table order (a tampered table can produce thousands). */
  mismatches: InputMismatch[];
  /** sha256 over every covered row as stored now: changes when any of them changes. */
  digest: string;
}

export type Snapshot = { seq: number; values: CoveredRow };
/** table → row id → its latest snapshot. */
export type Snapshots = Map<string, Map<string, Snapshot>>;
export type SourceRows = Map<string, Map<string, CoveredRow>>;

const LISTED = 50;

/** Pure comparison, so the benchmark can time it on a year of rows without a database. */
export function compareInputs(source: SourceRows, snapshots: Snapshots): InputsVerdict {
  const mismatches: InputMismatch[] = [];
  let count = 0;
  let rowsChecked = 0;
  const hash = createHash('sha256');
  const report = (m: InputMismatch) => {
    count++;
    if (mismatches.length < LISTED) mismatches.push(m);
  };
  for (const [table, rows] of source) {
    const recorded = snapshots.get(table) ?? new Map<string, Snapshot>();
    for (const [row, values] of rows) {
      rowsChecked++;
      hash.update(`${table}:${row}:${canonicalJson(values)}\n`);
      const snapshot = recorded.get(row);
      if (!snapshot) {
        report({ table, row, column: null, stored: values, recorded: null, evidenceSeq: null, problem: 'no_evidence' });
        continue;
      }
      for (const column of new Set([...Object.keys(values), ...Object.keys(snapshot.values)])) {
        const [now, then] = [values[column] ?? null, snapshot.values[column] ?? null];
        if (canonicalJson(now) !== canonicalJson(then))
          report({ table, row, column, stored: now, recorded: then, evidenceSeq: snapshot.seq, problem: 'changed' });
      }
    }
    for (const [row, snapshot] of recorded) {
      if (!rows.has(row))
        report({
          table,
          row,
          column: null,
          stored: null,
          recorded: snapshot.values,
          evidenceSeq: snapshot.seq,
          problem: 'row_missing',
        });
    }
  }
  return { ok: count === 0, rowsChecked, mismatchCount: count, mismatches, digest: hash.digest('hex') };
}

/** Latest snapshot per row, read from the chain in order (batched: the chain can be long). */
async function loadSnapshots(db: DbOrTx, batchSize = 5_000): Promise<Snapshots> {
  const out: Snapshots = new Map([...COVERED_TABLES, 'deliveries'].map((t) => [t, new Map()]));
  let after = 0;
  for (;;) {
    const batch = await db
      .select({ seq: evidence.seq, kind: evidence.kind, occurredAt: evidence.occurredAt, content: evidence.content })
      .from(evidence)
      .where(and(gt(evidence.seq, after), inArray(evidence.kind, ['sla_input', 'delivery_result', 'demo_removal'])))
      .orderBy(asc(evidence.seq))
      .limit(batchSize);
    if (batch.length === 0) return out;
    for (const { seq, kind, occurredAt, content } of batch) {
      if (kind === 'sla_input' && content.deleted) out.get(String(content.table))?.delete(String(content.id));
      else if (kind === 'sla_input')
        out.get(String(content.table))?.set(String(content.id), { seq, values: content.values as CoveredRow });
      else if (kind === 'demo_removal') forgetDemo(out, content);
      else
        out
          .get('deliveries')!
          .set(String(content.deliveryId), { seq, values: deliveryFact(String(content.outcome), occurredAt) });
    }
    after = batch[batch.length - 1].seq;
  }
}

/** The demo's rows were removed on purpose (lib/services/demo/remove.ts): their status periods went with their components. */
function forgetDemo(out: Snapshots, content: Record<string, unknown>): void {
  const list = (key: string) => new Set((content[key] as string[] | undefined) ?? []);
  for (const id of list('incidentIds')) out.get('incidents')!.delete(id);
  for (const id of list('maintenanceIds')) out.get('maintenances')!.delete(id);
  const demoComponents = list('componentIds');
  for (const [id, snapshot] of out.get('component_status_changes')!) {
    if (demoComponents.has(String(snapshot.values.component_id))) out.get('component_status_changes')!.delete(id);
  }
}

/** What a final delivery result says about its row. */
function deliveryFact(outcome: string, at: Date): CoveredRow {
  return { status: outcome, sent_at: outcome === 'sent' ? at.toISOString() : null };
}

/** Deliveries that claim a result: sent (with its time), dead or cancelled. */
async function loadDeliveryRows(db: DbOrTx, snapshots: Snapshots): Promise<Map<string, CoveredRow>> {
  const rows = await db
    .select({ id: deliveries.id, status: deliveries.status, sentAt: deliveries.sentAt })
    .from(deliveries)
    .where(or(inArray(deliveries.status, ['sent', 'dead', 'cancelled']), isNotNull(deliveries.sentAt)));
  const out = new Map(
    rows.map((r) => [String(r.id), { status: r.status, sent_at: r.sentAt?.toISOString() ?? null } as CoveredRow]),
  );
  // A dead row requeued by "resend" is in flight again: its earlier result is history, not a claim.
  const recorded = snapshots.get('deliveries')!;
  for (const [id, snapshot] of recorded) if (snapshot.values.status !== 'sent' && !out.has(id)) recorded.delete(id);
  return out;
}

export async function crossCheckInputs(db: DbOrTx): Promise<InputsVerdict> {
  const snapshots = await loadSnapshots(db);
  const source: SourceRows = new Map();
  for (const table of COVERED_TABLES) source.set(table, await readCoveredRows(db, table));
  source.set('deliveries', await loadDeliveryRows(db, snapshots));
  return compareInputs(source, snapshots);
}

export interface EvidenceVerdict {
  chain: ChainVerdict;
  inputs: InputsVerdict;
  /** sha256 of the chain's verified head (or where it broke) and the inputs' digest. */
  head: string;
  ok: boolean;
}

/** Chain and cross-check together: what the CLI prints and the report shows. */
export async function verifySlaEvidence(db: DbOrTx): Promise<EvidenceVerdict> {
  const chain = await verifyEvidenceChain(db);
  const inputs = await crossCheckInputs(db);
  const chainPart = chain.ok ? chain.head : `broken:${chain.brokenAt}:${chain.reason}`;
  const head = createHash('sha256').update(`${chainPart}\n${inputs.digest}`).digest('hex');
  return { chain, inputs, head, ok: chain.ok && inputs.ok };
}
