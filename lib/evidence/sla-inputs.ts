// The rows SLA figures are computed from (status periods, incident times and exclusions,
// maintenance announcement/start/end), snapshotted into the evidence chain whenever a verb
// writes them. `evidence:verify` compares each row with its latest snapshot (./cross-check.ts),
// so an edit made in SQL is named by table, row and column. Deliveries are covered by their own
// `delivery_result` rows.
import { asc, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { componentStatusChanges, evidence, incidentComponents, incidents, maintenanceComponents, maintenances } from '../../db/schema';
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
  return new Map(rows.map((r) => [String(r.id), { component_id: r.componentId, status: r.status, from: iso(r.from), to: iso(r.to) }]));
}

async function readIncidents(db: DbOrTx, ids?: string[]): Promise<Map<string, CoveredRow>> {
  const i = incidents;
  const [rows, links] = await Promise.all([
    db
      .select({
        id: i.id,
        severity: i.severity,
        published: i.published,
        detectedAt: i.detectedAt,
        startedAt: i.startedAt,
        resolvedAt: i.resolvedAt,
        slaExcluded: i.slaExcluded,
        kind: i.slaExclusionKind,
        reason: i.slaExclusionReason,
        enteredBy: i.detectedAtEnteredBy,
        backfilledBy: i.backfilledBy,
        backfilledAt: i.backfilledAt,
        withdrawnAt: i.withdrawnAt,
      })
      .from(i)
      .where(ids ? inArray(i.id, ids) : undefined),
    db
      .select({ owner: incidentComponents.incidentId, componentId: incidentComponents.componentId })
      .from(incidentComponents)
      .where(ids ? inArray(incidentComponents.incidentId, ids) : undefined),
  ]);
  const scope = groupIds(links);
  return new Map(
    rows.map((r) => [
      r.id,
      {
        severity: r.severity,
        published: r.published,
        detected_at: iso(r.detectedAt),
        started_at: iso(r.startedAt),
        resolved_at: iso(r.resolvedAt),
        sla_excluded: r.slaExcluded,
        sla_exclusion_kind: r.kind,
        sla_exclusion_reason: r.reason,
        detected_at_entered_by: r.enteredBy,
        backfilled_by: r.backfilledBy,
        backfilled_at: iso(r.backfilledAt),
        withdrawn_at: iso(r.withdrawnAt),
        'incident_components.component_id': scope.get(r.id) ?? [],
      },
    ]),
  );
}

async function readMaintenances(db: DbOrTx, ids?: string[]): Promise<Map<string, CoveredRow>> {
  const m = maintenances;
  const [rows, links] = await Promise.all([
    db
      .select({
        id: m.id,
        status: m.status,
        announcedAt: m.announcedAt,
        scheduledStart: m.scheduledStart,
        scheduledEnd: m.scheduledEnd,
        actualStart: m.actualStart,
        actualEnd: m.actualEnd,
        autoComplete: m.autoComplete,
      })
      .from(m)
      .where(ids ? inArray(m.id, ids) : undefined),
    db
      .select({ owner: maintenanceComponents.maintenanceId, componentId: maintenanceComponents.componentId })
      .from(maintenanceComponents)
      .where(ids ? inArray(maintenanceComponents.maintenanceId, ids) : undefined),
  ]);
  const scope = groupIds(links);
  return new Map(
    rows.map((r) => [
      r.id,
      {
        status: r.status,
        announced_at: iso(r.announcedAt),
        scheduled_start: iso(r.scheduledStart),
        scheduled_end: iso(r.scheduledEnd),
        actual_start: iso(r.actualStart),
        actual_end: iso(r.actualEnd),
        auto_complete: r.autoComplete,
        'maintenance_components.component_id': scope.get(r.id) ?? [],
      },
    ]),
  );
}

function groupIds(links: { owner: string; componentId: string }[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const { owner, componentId } of links) (out.get(owner) ?? out.set(owner, []).get(owner)!).push(componentId);
  for (const list of out.values()) list.sort();
  return out;
}

/** The covered columns of the given rows (all rows when `ids` is omitted), as they are stored now. */
export async function readCoveredRows(db: DbOrTx, table: CoveredTable, ids?: (string | number)[]): Promise<Map<string, CoveredRow>> {
  if (ids && ids.length === 0) return new Map();
  if (table === 'component_status_changes') return readPeriods(db, ids?.map(Number));
  if (table === 'incidents') return readIncidents(db, ids?.map(String));
  return readMaintenances(db, ids?.map(String));
}

/**
 * Appends a snapshot of each row as stored now. Call it inside the writing transaction, after
 * the last write to those rows; `entries` records a person's hand-entered value (who/when/old/new).
 * A row that no longer exists (a deleted draft) is recorded as deleted.
 */
export async function recordSlaInputs(tx: DbOrTx, ids: Ids, at: Date, entries: Record<string, ManualEntry[]> = {}): Promise<void> {
  for (const table of COVERED_TABLES) {
    const list = [...new Set<string | number>(ids[table] ?? [])];
    if (list.length === 0) continue;
    const rows = await readCoveredRows(tx, table, list);
    await appendSnapshots(tx, table, rows, at, entries);
    const gone = list.map(String).filter((id) => !rows.has(id));
    if (gone.length) await appendEvidence(tx, gone.map((id) => ({ kind: 'sla_input' as const, occurredAt: at, content: { table, id, deleted: true } })));
  }
}

const CHUNK = 2_000;

async function appendSnapshots(tx: DbOrTx, table: CoveredTable, rows: Map<string, CoveredRow>, at: Date, entries: Record<string, ManualEntry[]> = {}) {
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
  const [marked] = await tx.select({ seq: evidence.seq }).from(evidence).where(sql`${evidence.kind} = 'coverage_started'`).limit(1);
  if (marked) return false;
  await snapshotAllSlaInputs(tx, at);
  await appendEvidence(tx, [{ kind: 'coverage_started', occurredAt: at, content: { tables: [...COVERED_TABLES, 'deliveries'] } }]);
  return true;
}
