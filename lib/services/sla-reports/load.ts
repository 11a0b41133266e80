// Reads what the SLA core computes from: one query per kind of row, shaped into the plain
// inputs of ./inputs.ts. Nothing here computes a figure; report.ts and uptime.ts stay pure.
import { and, asc, eq, gt, inArray, isNull, lt, min, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client';
import {
  componentGroups,
  components,
  componentStatusChanges,
  evidence,
  incidentComponents,
  incidents,
  maintenanceComponents,
  maintenances,
  notificationMessages,
} from '../../../db/schema';
import type { SlaComponent, SlaDelivery, SlaIncident, SlaMaintenance, StatusInterval } from '../../sla/inputs';

/** Half-open [start, end): usually from the first month's start to the last month's end. */
export interface SlaRange {
  start: Date;
  end: Date;
}

/** Components, incidents and maintenance carry their English names for bilingual reports; components their lifetime. */
export type LoadedComponent = SlaComponent & { nameEn: string | null; createdAt: Date; deletedAt: Date | null };
export type LoadedIncident = SlaIncident & { titleEn: string | null };
export type LoadedMaintenance = SlaMaintenance & { titleEn: string | null };

export interface SlaHistory {
  components: LoadedComponent[];
  statusIntervals: StatusInterval[];
  incidents: LoadedIncident[];
  maintenances: LoadedMaintenance[];
  /** The earliest successful delivery per incident: all the notice check needs. */
  deliveries: SlaDelivery[];
}

export type ComponentScope = { serviceId: string } | { pageId: string; serviceId: null };

/**
 * Components of a service (or a page's components without one) that existed during the range;
 * a component deleted later still counts for the months it served. The function group is the
 * component's own, else its group's.
 */
export async function loadSlaComponents(db: DbOrTx, scope: ComponentScope, range: SlaRange): Promise<LoadedComponent[]> {
  const owner =
    scope.serviceId === null
      ? and(eq(components.pageId, scope.pageId), isNull(components.serviceId))
      : eq(components.serviceId, scope.serviceId);
  const rows = await db
    .select({
      id: components.id,
      name: components.name,
      nameEn: components.nameEn,
      createdAt: components.createdAt,
      deletedAt: components.deletedAt,
      own: components.functionGroup,
      group: componentGroups.functionGroup,
    })
    .from(components)
    .leftJoin(componentGroups, eq(componentGroups.id, components.groupId))
    .where(
      and(owner, lt(components.createdAt, range.end), or(isNull(components.deletedAt), gt(components.deletedAt, range.start))),
    )
    .orderBy(asc(componentGroups.position), asc(components.position), asc(components.name));
  return rows.map(({ own, group, ...r }) => ({ ...r, functionGroup: own ?? group ?? null }));
}

/** Everything that happened to these components during the range. */
export async function loadSlaHistory(
  db: DbOrTx,
  componentList: readonly LoadedComponent[],
  range: SlaRange,
): Promise<SlaHistory> {
  const ids = componentList.map((c) => c.id);
  if (ids.length === 0) return { components: [], statusIntervals: [], incidents: [], maintenances: [], deliveries: [] };
  const [statusIntervals, incidentList, maintenanceList] = await Promise.all([
    loadStatusIntervals(db, ids, range),
    loadIncidents(db, ids, range),
    loadMaintenances(db, ids, range),
  ]);
  const incidentIds = incidentList.map((i) => i.id);
  const [firstPosts, deliveryList] = await Promise.all([
    loadFirstPublicPosts(db, incidentIds),
    loadFirstDeliveries(db, incidentIds),
  ]);
  for (const incident of incidentList)
    incident.firstPublicPostAt = incident.published ? (firstPosts.get(incident.id) ?? null) : null;
  return {
    components: [...componentList],
    statusIntervals,
    incidents: incidentList.map(({ published: _published, ...incident }) => incident),
    maintenances: maintenanceList,
    deliveries: deliveryList,
  };
}

async function loadStatusIntervals(db: DbOrTx, ids: string[], range: SlaRange): Promise<StatusInterval[]> {
  const t = componentStatusChanges;
  return db
    .select({ componentId: t.componentId, status: t.status, from: t.from, to: t.to })
    .from(t)
    .where(and(inArray(t.componentId, ids), lt(t.from, range.end), or(isNull(t.to), gt(t.to, range.start))))
    .orderBy(asc(t.from), asc(t.id));
}

/**
 * Incidents touching the components whose course overlaps the range, drafts included (an alert
 * nobody published still happened; it simply has no public post). Component ids are limited
 * to the ones asked for, so an incident shared with another service excludes only ours.
 */
async function loadIncidents(db: DbOrTx, ids: string[], range: SlaRange) {
  const rows = await db
    .select({
      id: incidents.id,
      title: incidents.title,
      titleEn: incidents.titleEn,
      severity: incidents.severity,
      published: incidents.published,
      startedAt: incidents.startedAt,
      detectedAt: incidents.detectedAt,
      resolvedAt: incidents.resolvedAt,
      slaExcluded: incidents.slaExcluded,
      exclusionKind: incidents.slaExclusionKind,
      exclusionReason: incidents.slaExclusionReason,
      detectedAtEnteredBy: incidents.detectedAtEnteredBy,
      backfilledBy: incidents.backfilledBy,
      componentId: incidentComponents.componentId,
    })
    .from(incidents)
    .innerJoin(incidentComponents, eq(incidentComponents.incidentId, incidents.id))
    .where(
      and(
        inArray(incidentComponents.componentId, ids),
        // Withdrawn incidents are listed apart (lib/services/sla-reports/withdrawn-incidents.ts), never counted.
        isNull(incidents.withdrawnAt),
        or(lt(incidents.startedAt, range.end), lt(incidents.detectedAt, range.end)),
        or(isNull(incidents.resolvedAt), gt(incidents.resolvedAt, range.start)),
      ),
    )
    .orderBy(asc(incidents.detectedAt), asc(incidents.id));
  const byId = new Map<string, LoadedIncident & { published: boolean; componentIds: string[] }>();
  for (const { componentId, ...row } of rows) {
    const known = byId.get(row.id);
    if (known) known.componentIds.push(componentId);
    else byId.set(row.id, { ...row, firstPublicPostAt: null, componentIds: [componentId] });
  }
  return [...byId.values()];
}

const RUNNING = ['in_progress', 'verifying'] as const;

/** Maintenance in scope that could have run during the range (cancelled ones are listed too). */
async function loadMaintenances(db: DbOrTx, ids: string[], range: SlaRange): Promise<LoadedMaintenance[]> {
  const m = maintenances;
  const rows = await db
    .select({
      id: m.id,
      title: m.title,
      titleEn: m.titleEn,
      scheduledStart: m.scheduledStart,
      scheduledEnd: m.scheduledEnd,
      announcedAt: m.announcedAt,
      actualStart: m.actualStart,
      actualEnd: m.actualEnd,
      status: m.status,
      autoComplete: m.autoComplete,
      componentId: maintenanceComponents.componentId,
    })
    .from(m)
    .innerJoin(maintenanceComponents, eq(maintenanceComponents.maintenanceId, m.id))
    .where(
      and(
        inArray(maintenanceComponents.componentId, ids),
        or(lt(m.scheduledStart, range.end), lt(m.actualStart, range.end)),
        or(
          gt(m.scheduledEnd, range.start),
          gt(m.actualEnd, range.start),
          and(isNull(m.actualEnd), inArray(m.status, [...RUNNING])),
        ),
      ),
    )
    .orderBy(asc(m.scheduledStart), asc(m.id));
  const byId = new Map<string, LoadedMaintenance & { componentIds: string[] }>();
  for (const { componentId, ...row } of rows) {
    const known = byId.get(row.id);
    if (known) known.componentIds.push(componentId);
    else byId.set(row.id, { ...row, componentIds: [componentId] });
  }
  return [...byId.values()];
}

/**
 * When each incident first became readable on the status page: the earliest `incident_post`
 * evidence row, written when the post went public (a draft's posts when it was published).
 */
async function loadFirstPublicPosts(db: DbOrTx, incidentIds: string[]): Promise<Map<string, Date>> {
  if (incidentIds.length === 0) return new Map();
  const incidentId = sql<string>`${evidence.content}->>'incidentId'`;
  const rows = await db
    .select({ incidentId, at: min(evidence.occurredAt) })
    .from(evidence)
    .where(and(sql`${evidence.kind} = 'incident_post'`, inArray(incidentId, incidentIds)))
    .groupBy(incidentId);
  return new Map(rows.flatMap((r) => (r.at ? [[r.incidentId, r.at] as const] : [])));
}

/** The first delivery a provider accepted for each incident's messages, from its `delivery_result` evidence. */
async function loadFirstDeliveries(db: DbOrTx, incidentIds: string[]): Promise<SlaDelivery[]> {
  if (incidentIds.length === 0) return [];
  const messageId = sql<string>`${evidence.content}->>'messageId'`;
  const rows = await db
    .select({ incidentId: notificationMessages.incidentId, sentAt: min(evidence.occurredAt) })
    .from(evidence)
    .innerJoin(notificationMessages, sql`${notificationMessages.id}::text = ${messageId}`)
    .where(
      and(
        sql`${evidence.kind} = 'delivery_result' and ${evidence.content}->>'outcome' = 'sent'`,
        inArray(notificationMessages.incidentId, incidentIds),
      ),
    )
    .groupBy(notificationMessages.incidentId);
  return rows.flatMap((r) =>
    r.incidentId && r.sentAt ? [{ incidentId: r.incidentId, status: 'sent' as const, sentAt: r.sentAt }] : [],
  );
}
