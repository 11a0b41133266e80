import { TZDate } from '@date-fns/tz';
import { eq } from 'drizzle-orm';
import type { Db, Tx } from './client';
import {
  componentGroups,
  components,
  componentStatusChanges,
  demoRows,
  incidentComponents,
  incidents,
  incidentUpdates,
  maintenanceComponents,
  maintenances,
  pages,
  services,
  slaPolicies,
} from './schema';
import type { ComponentStatus, IncidentStatus, Severity } from '../lib/domain/statuses';
import { demoCatalog, demoIncidents, demoMaintenances, type DemoIncident } from './seed-data';

const DAY = 86_400_000;
const HOUR = 3_600_000;

export const DEMO_PAGE = { name: 'Shirase デモ ステータス', nameEn: 'Shirase demo status' };
/** The name a page starts with when there is no demo (the operator renames it in the settings). */
export const CLEAN_PAGE = { name: 'ステータス', nameEn: 'Status' };

/** A clean install (SEED_DEMO=false) starts with one empty page, so every route has a page to show. */
export async function ensurePrimaryPage(db: Db, now = new Date()): Promise<boolean> {
  const inserted = await db
    .insert(pages)
    .values({ slug: 'default', name: CLEAN_PAGE.name, nameEn: CLEAN_PAGE.nameEn, timeZone: 'Asia/Tokyo', createdAt: now })
    .onConflictDoNothing()
    .returning({ id: pages.id });
  return inserted.length > 0;
}

/** Seeds the demo page on first run only: does nothing once any page exists. */
export async function seedDemoIfEmpty(db: Db, now = new Date()): Promise<boolean> {
  return db.transaction(async (tx) => {
    const existing = await tx.select({ id: pages.id }).from(pages).limit(1);
    if (existing.length) return false;
    await seedDemo(tx, now);
    return true;
  });
}

async function seedDemo(tx: Tx, now: Date): Promise<void> {
  const [page] = await tx
    .insert(pages)
    .values({ slug: 'default', ...DEMO_PAGE, timeZone: 'Asia/Tokyo', createdAt: new Date(now.getTime() - 120 * DAY) })
    .returning();
  const componentIds = new Map<string, string>();
  const createdAt = new Map<string, Date>();
  for (const [serviceIndex, service] of demoCatalog.entries()) {
    const [serviceRow] = await tx
      .insert(services)
      .values({ pageId: page.id, slug: service.slug, name: service.name, nameEn: service.nameEn, position: serviceIndex })
      .returning();
    await tx
      .insert(slaPolicies)
      .values({ serviceId: serviceRow.id, policy: service.slaPolicy as unknown as Record<string, unknown> });
    await markDemo(tx, 'service', serviceRow.id);
    for (const [groupIndex, group] of service.groups.entries()) {
      const [groupRow] = await tx
        .insert(componentGroups)
        .values({
          pageId: page.id,
          serviceId: serviceRow.id,
          name: group.name,
          nameEn: group.nameEn,
          functionGroup: group.functionGroup,
          position: serviceIndex * 10 + groupIndex,
        })
        .returning();
      await markDemo(tx, 'component_group', groupRow.id);
      for (const [index, c] of group.components.entries()) {
        const since = new Date(now.getTime() - (c.ageDays ?? 120) * DAY);
        const [row] = await tx
          .insert(components)
          .values({
            pageId: page.id,
            serviceId: serviceRow.id,
            groupId: groupRow.id,
            name: c.name,
            nameEn: c.nameEn,
            description: c.description,
            descriptionEn: c.descriptionEn,
            functionGroup: c.functionGroup,
            position: index,
            alertKey: c.key,
            createdAt: since,
            updatedAt: since,
          })
          .returning();
        await markDemo(tx, 'component', row.id);
        componentIds.set(c.key, row.id);
        createdAt.set(c.key, since);
      }
    }
  }

  // Status periods per component, built from the incidents and maintenances below.
  const periods = new Map<
    string,
    { status: ComponentStatus; from: Date; to: Date | null; incidentId?: string; maintenanceId?: string; source: string }[]
  >();
  const addPeriod = (
    key: string,
    period: { status: ComponentStatus; from: Date; to: Date | null; incidentId?: string; maintenanceId?: string; source: string },
  ) => {
    periods.set(key, [...(periods.get(key) ?? []), period]);
  };

  for (const demo of demoIncidents) await insertIncident(tx, page.id, demo, now, componentIds, addPeriod);
  for (const m of demoMaintenances) {
    const start = jstDayAt(now, m.startDays, m.startHourJst);
    const end = new Date(start.getTime() + m.hours * HOUR);
    const done = end < now;
    const [row] = await tx
      .insert(maintenances)
      .values({
        pageId: page.id,
        title: m.title,
        titleEn: m.titleEn,
        body: m.body,
        bodyEn: m.bodyEn,
        scheduledStart: start,
        scheduledEnd: end,
        expectedDowntimeMinutes: m.downtimeMinutes,
        announcedAt: new Date(start.getTime() - m.noticeDays * DAY),
        actualStart: done ? start : null,
        actualEnd: done ? end : null,
        status: done ? 'completed' : 'scheduled',
        lateNotice: m.noticeDays < 14,
        createdAt: new Date(start.getTime() - m.noticeDays * DAY),
      })
      .returning();
    await markDemo(tx, 'maintenance', row.id);
    await tx
      .insert(maintenanceComponents)
      .values(m.components.map((key) => ({ maintenanceId: row.id, componentId: componentIds.get(key)! })));
    if (done)
      for (const key of m.components)
        addPeriod(key, { status: 'under_maintenance', from: start, to: end, maintenanceId: row.id, source: 'maintenance' });
  }

  for (const [key, id] of componentIds) {
    const rows = fillWithOperational(periods.get(key) ?? [], createdAt.get(key)!);
    await tx.insert(componentStatusChanges).values(
      rows.map((p) => ({
        componentId: id,
        status: p.status,
        from: p.from,
        to: p.to,
        source: p.source,
        incidentId: p.incidentId,
        maintenanceId: p.maintenanceId,
      })),
    );
    const current = rows[rows.length - 1].status;
    if (current !== 'operational') await tx.update(components).set({ status: current }).where(eqId(id));
  }
}

async function insertIncident(
  tx: Tx,
  pageId: string,
  demo: DemoIncident,
  now: Date,
  componentIds: Map<string, string>,
  addPeriod: (
    key: string,
    p: { status: ComponentStatus; from: Date; to: Date | null; incidentId?: string; source: string },
  ) => void,
) {
  const started = new Date(now.getTime() - demo.startedDaysAgo * DAY);
  const resolved = demo.durationMinutes === null ? null : new Date(started.getTime() + demo.durationMinutes * 60_000);
  const lastStatus: IncidentStatus = resolved ? 'resolved' : demo.updates[demo.updates.length - 1].status;
  const [row] = await tx
    .insert(incidents)
    .values({
      pageId,
      title: demo.title,
      titleEn: demo.titleEn,
      severity: demo.severity as Severity,
      status: lastStatus,
      impact: demo.impact,
      detectedAt: new Date(started.getTime() - 2 * 60_000),
      startedAt: started,
      resolvedAt: resolved,
      slaExcluded: demo.slaExcluded ?? false,
      slaExclusionKind: demo.slaExcluded ? 'third_party' : null,
      slaExclusionReason: demo.slaExcluded ? '上流の通信事業者の障害 / upstream carrier outage' : null,
      createdAt: started,
      updatedAt: resolved ?? started,
    })
    .returning();
  await markDemo(tx, 'incident', row.id);
  await tx
    .insert(incidentComponents)
    .values(demo.components.map((c) => ({ incidentId: row.id, componentId: componentIds.get(c.key)!, status: c.status })));
  for (const update of demo.updates) {
    const at = new Date(started.getTime() + update.afterMinutes * 60_000);
    const affected = JSON.stringify(
      demo.components.map((c) => ({
        id: componentIds.get(c.key)!,
        status: update.status === 'resolved' ? 'operational' : c.status,
      })),
    );
    await tx.insert(incidentUpdates).values({
      incidentId: row.id,
      status: update.status,
      body: update.body,
      bodyEn: update.bodyEn,
      affectedComponents: affected,
      displayAt: at,
      createdAt: at,
      updatedAt: at,
    });
  }
  for (const c of demo.components)
    addPeriod(c.key, { status: c.status, from: started, to: resolved, incidentId: row.id, source: 'incident' });
}

/** Fills the gaps between non-operational periods with operational ones, ending with an open row. */
function fillWithOperational<P extends { status: ComponentStatus; from: Date; to: Date | null; source: string }>(
  list: P[],
  since: Date,
) {
  const sorted = [...list].sort((a, b) => a.from.getTime() - b.from.getTime());
  const out: (
    P | { status: ComponentStatus; from: Date; to: Date | null; source: string; incidentId?: string; maintenanceId?: string }
  )[] = [];
  let cursor = since;
  for (const p of sorted) {
    if (p.from > cursor) out.push({ status: 'operational', from: cursor, to: p.from, source: 'seed' });
    out.push(p);
    cursor = p.to ?? p.from;
    if (!p.to) return out;
  }
  out.push({ status: 'operational', from: cursor, to: null, source: 'seed' });
  return out as (P & { incidentId?: string; maintenanceId?: string })[];
}

/** Remembers what the seed made, for "remove demo data" (lib/services/demo/remove.ts). */
async function markDemo(tx: Tx, entityType: typeof demoRows.$inferInsert.entityType, entityId: string): Promise<void> {
  await tx.insert(demoRows).values({ entityType, entityId });
}

const eqId = (id: string) => eq(components.id, id);

/** Midnight JST of the day `days` from `now`, plus `hour` hours: demo windows on round times. */
function jstDayAt(now: Date, days: number, hour: number): Date {
  const zoned = new TZDate(now, 'Asia/Tokyo');
  return new TZDate(zoned.getFullYear(), zoned.getMonth(), zoned.getDate() + days, hour, 0, 'Asia/Tokyo');
}
