// The rows SLA figures are computed from (status periods, incident times and exclusions,
// maintenance announcement/start/end), snapshotted into the evidence chain whenever a verb
// writes them. `evidence:verify` compares each row with its latest snapshot (./cross-check.ts),
// so an edit made in SQL is named by table, row and column. Deliveries are covered by their own
// `delivery_result` rows.
import { asc, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import {
  componentStatusChanges,
  evidence,
  incidentComponents,
  incidents,
  maintenanceComponents,
  maintenances,
} from '../../db/schema';
import { appendEvidence } from './append';

export const COVERED_TABLES = ['component_status_changes', 'incidents', 'maintenances'] as const;
export type CoveredTable = (typeof COVERED_TABLES)[number];
export type CoveredValue = string | boolean | null | string[];
/** Column name (as in SQL) → value, dates as ISO strings, id lists sorted. */
export type CoveredRow = Record<string, CoveredValue>;

/** Why a person changed a covered value: kept with the snapshot (who, when, old, new). */
export type ManualEntry = { by: string; at: string; column: string; old: string | null; new: string | null };

const iso = (d: Date | null) => (d ? d.toISOString() : null);

type Ids = { component_status_changes?: number[]; incidents?: string[]; maintenances?: string[] };

async function readPeriods(db: DbOrTx, ids?: number[]): Promise<Map<string, CoveredRow>> {
  const t = componentStatusChanges;
  const rows = await db
    .select({ id: t.id, componentId: t.componentId, status: t.status, from: t.from, to: t.to })
    .from(t)
    .where(ids ? inArray(t.id, ids) : undefined)
    .orderBy(asc(t.id));
  return new Map(
    rows.map((r) => [String(r.id), { component_id: r.componentId, status: r.status, from: iso(r.from), to: iso(r.to) }]),
  );
}

// Each covered table: its SQL column names → columns, and the list of components it names.
const INCIDENT_INPUTS = {
  table: incidents,
  id: incidents.id,
  columns: {
    severity: incidents.severity,
    published: incidents.published,
    detected_at: incidents.detectedAt,
    started_at: incidents.startedAt,
    resolved_at: incidents.resolvedAt,
    sla_excluded: incidents.slaExcluded,
    sla_exclusion_kind: incidents.slaExclusionKind,
    sla_exclusion_reason: incidents.slaExclusionReason,
    detected_at_entered_by: incidents.detectedAtEnteredBy,
    backfilled_by: incidents.backfilledBy,
    backfilled_at: incidents.backfilledAt,
    withdrawn_at: incidents.withdrawnAt,
  },
  scope: {
    name: 'incident_components.component_id',
    table: incidentComponents,
    owner: incidentComponents.incidentId,
    componentId: incidentComponents.componentId,
  },
};

const MAINTENANCE_INPUTS = {
  table: maintenances,
  id: maintenances.id,
  columns: {
    status: maintenances.status,
    announced_at: maintenances.announcedAt,
    scheduled_start: maintenances.scheduledStart,
    scheduled_end: maintenances.scheduledEnd,
    actual_start: maintenances.actualStart,
    actual_end: maintenances.actualEnd,
    auto_complete: maintenances.autoComplete,
  },
  scope: {
    name: 'maintenance_components.component_id',
    table: maintenanceComponents,
    owner: maintenanceComponents.maintenanceId,
    componentId: maintenanceComponents.componentId,
  },
};

async function readWithScope(
  db: DbOrTx,
  inputs: typeof INCIDENT_INPUTS | typeof MAINTENANCE_INPUTS,
  ids?: string[],
): Promise<Map<string, CoveredRow>> {
  const { scope } = inputs;
  const [rows, links] = await Promise.all([
    db
      .select({ ...inputs.columns, id: inputs.id })
      .from(inputs.table)
      .where(ids ? inArray(inputs.id, ids) : undefined),
    db
      .select({ owner: scope.owner, componentId: scope.componentId })
      .from(scope.table)
      .where(ids ? inArray(scope.owner, ids) : undefined),
  ]);
  const components = groupIds(links);
  return new Map(
    rows.map(({ id, ...values }) => {
      const row: CoveredRow = {};
      for (const [column, value] of Object.entries(values))
        row[column] = value instanceof Date ? value.toISOString() : (value as CoveredValue);
      row[scope.name] = components.get(id) ?? [];
      return [id, row];
    }),
  );
}

function groupIds(links: { owner: string; componentId: string }[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const { owner, componentId } of links) (out.get(owner) ?? out.set(owner, []).get(owner)!).push(componentId);
  for (const list of out.values()) list.sort();
  return out;
}

/** The covered columns of the given rows (all rows when `ids` is omitted), as they are stored now. */
export async function readCoveredRows(
  db: DbOrTx,
  table: CoveredTable,
  ids?: (string | number)[],
): Promise<Map<string, CoveredRow>> {
  if (ids && ids.length === 0) return new Map();
  if (table === 'component_status_changes') return readPeriods(db, ids?.map(Number));
  if (table === 'incidents') return readWithScope(db, INCIDENT_INPUTS, ids?.map(String));
  return readWithScope(db, MAINTENANCE_INPUTS, ids?.map(String));
}

/**
 * Appends a snapshot of each row as stored now. Call it inside the writing transaction, after
 * the last write to those rows; `entries` records a person's hand-entered value (who/when/old/new).
 * A row that no longer exists (a deleted draft) is recorded as deleted.
 */
export async function recordSlaInputs(
  tx: DbOrTx,
  ids: Ids,
  at: Date,
  entries: Record<string, ManualEntry[]> = {},
): Promise<void> {
  for (const table of COVERED_TABLES) {
    const list = [...new Set<string | number>(ids[table] ?? [])];
    if (list.length === 0) continue;
    const rows = await readCoveredRows(tx, table, list);
    await appendSnapshots(tx, table, rows, at, entries);
    const gone = list.map(String).filter((id) => !rows.has(id));
    if (gone.length)
      await appendEvidence(
        tx,
        gone.map((id) => ({ kind: 'sla_input' as const, occurredAt: at, content: { table, id, deleted: true } })),
      );
  }
}

const CHUNK = 2_000;

async function appendSnapshots(
  tx: DbOrTx,
  table: CoveredTable,
  rows: Map<string, CoveredRow>,
  at: Date,
  entries: Record<string, ManualEntry[]> = {},
) {
  const all = [...rows].map(([id, values]) => ({
    kind: 'sla_input' as const,
    occurredAt: at,
    content: { table, id, values, ...(entries[id] ? { entries: entries[id] } : {}) },
  }));
  for (let i = 0; i < all.length; i += CHUNK) await appendEvidence(tx, all.slice(i, i + CHUNK));
}

/** Snapshots every covered row (the demo seed, and the first start after an upgrade). */
export async function snapshotAllSlaInputs(tx: DbOrTx, at: Date): Promise<void> {
  for (const table of COVERED_TABLES) await appendSnapshots(tx, table, await readCoveredRows(tx, table), at);
}

/**
 * Rows written before coverage existed (an upgraded installation) get one snapshot each, once:
 * after the `coverage_started` mark, a covered row without a snapshot is reported by verify.
 */
export async function startCoverage(tx: DbOrTx, at: Date): Promise<boolean> {
  await tx.execute(sql`select pg_advisory_xact_lock(7424158)`);
  const [marked] = await tx
    .select({ seq: evidence.seq })
    .from(evidence)
    .where(sql`${evidence.kind} = 'coverage_started'`)
    .limit(1);
  if (marked) return false;
  await snapshotAllSlaInputs(tx, at);
  await appendEvidence(tx, [
    { kind: 'coverage_started', occurredAt: at, content: { tables: [...COVERED_TABLES, 'deliveries'] } },
  ]);
  return true;
}
