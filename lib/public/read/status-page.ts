import { and, eq, gte, isNull, lte, or, gt } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client';
import { components, componentStatusChanges, incidentComponents, incidents } from '../../../db/schema';
import type { ComponentStatus } from '../../domain/statuses';
import type { Locale } from '../../i18n/locales';
import { overallStatus, worstStatus, type OverallStatus } from '../../status/overall';
import { uptimeBars, type UptimeDay } from '../../status/uptime-bars';
import { listCurrentAndUpcomingMaintenances, type PublicMaintenance } from './maintenances';
import { shapeIncidents, type PublicIncident } from './incidents';
import { loadPublicSource } from './source';
import { localized, localizedOptional } from '../../i18n/localized';
import { monthlyUptimeByComponent, type ComponentMonth } from '../../services/sla-reports/monthly-uptime';

export type DayIncident = { id: string; title: string };
export type PublicUptimeDay = UptimeDay & { incidents: DayIncident[] };

export type PublicComponent = {
  id: string;
  name: string;
  description: string | null;
  status: ComponentStatus;
  uptimePercent: number | null;
  days: PublicUptimeDay[];
  /** The last three calendar months by the service's SLA policy, oldest first. */
  monthlyUptime: ComponentMonth[];
};

export type PublicGroup = { id: string | null; name: string | null; status: ComponentStatus; components: PublicComponent[] };

export type StatusPageView = {
  page: { id: string; name: string; timeZone: string; logoUrl: string | null; partialOutageWeight: number };
  overall: OverallStatus;
  groups: PublicGroup[];
  activeIncidents: PublicIncident[];
  recentIncidents: PublicIncident[];
  activeMaintenances: PublicMaintenance[];
  upcomingMaintenances: PublicMaintenance[];
  generatedAt: Date;
};

const BAR_DAYS = 90;

/** Everything `/` shows, shaped for display: no raw rows, no internal fields. */
export async function loadStatusPage(db: DbOrTx, options: { locale: Locale; now?: Date }): Promise<StatusPageView> {
  const now = options.now ?? new Date();
  const { locale } = options;
  // The rows every public document shares come from the one loader (./source.ts); this view
  // adds only what `/` alone shows: 90 days of status periods, the day details and SLA months.
  const source = await loadPublicSource(db, now);
  const { page, groups: groupRows, components: componentRows } = source;
  const since = new Date(now.getTime() - (BAR_DAYS + 1) * 86_400_000);
  const recentSince = new Date(now.getTime() - 14 * 86_400_000);
  const openRows = source.incidents.filter((i) => i.resolvedAt === null);
  const recentRows = source.incidents.filter((i) => i.resolvedAt !== null && i.resolvedAt >= recentSince);

  const [changeRows, maintenance] = await Promise.all([
    db
      .select({
        componentId: componentStatusChanges.componentId,
        status: componentStatusChanges.status,
        from: componentStatusChanges.from,
        to: componentStatusChanges.to,
      })
      .from(componentStatusChanges)
      .innerJoin(components, eq(components.id, componentStatusChanges.componentId))
      .where(and(eq(components.pageId, page.id), or(isNull(componentStatusChanges.to), gt(componentStatusChanges.to, since)))),
    listCurrentAndUpcomingMaintenances(db, page.id, now, 14, locale),
  ]);

  const dayIncidents = await incidentsByComponentDay(db, page.id, since, now, locale, page.timeZone);
  const monthly = await monthlyUptimeByComponent(db, page, now);
  const shapedComponents = new Map<string, PublicComponent>();
  for (const c of componentRows) {
    if (c.onlyShowIfDegraded && c.status === 'operational') continue;
    const bars = uptimeBars({
      intervals: changeRows.filter((r) => r.componentId === c.id),
      createdAt: c.createdAt,
      now,
      timeZone: page.timeZone,
      days: BAR_DAYS,
      partialOutageWeight: page.partialOutageWeight,
    });
    shapedComponents.set(c.id, {
      id: c.id,
      name: localized(locale, c.name, c.nameEn),
      description: localizedOptional(locale, c.description, c.descriptionEn),
      status: c.status,
      uptimePercent: bars.uptimePercent,
      days: bars.days.map((d) => ({ ...d, incidents: dayIncidents.get(`${c.id}:${d.date}`) ?? [] })),
      monthlyUptime: monthly.get(c.id) ?? [],
    });
  }

  const groups: PublicGroup[] = groupRows.map((g) => {
    const members = componentRows.filter((c) => c.groupId === g.id).flatMap((c) => shapedComponents.get(c.id) ?? []);
    return {
      id: g.id,
      name: localized(locale, g.name, g.nameEn),
      status: worstStatus(members.map((m) => m.status)),
      components: members,
    };
  });
  const ungrouped = componentRows.filter((c) => !c.groupId).flatMap((c) => shapedComponents.get(c.id) ?? []);
  if (ungrouped.length)
    groups.push({ id: null, name: null, status: worstStatus(ungrouped.map((m) => m.status)), components: ungrouped });

  return {
    page: {
      id: page.id,
      name: localized(locale, page.name, page.nameEn),
      timeZone: page.timeZone,
      logoUrl: page.logoUrl,
      partialOutageWeight: page.partialOutageWeight,
    },
    overall: overallStatus(componentRows.map((c) => c.status)),
    groups: groups.filter((g) => g.components.length > 0),
    activeIncidents: await shapeIncidents(db, openRows, locale),
    recentIncidents: await shapeIncidents(db, recentRows, locale),
    activeMaintenances: maintenance.active,
    upcomingMaintenances: maintenance.upcoming,
    generatedAt: now,
  };
}

/** "componentId:YYYY-MM-DD" → incidents touching that component on that day (page time zone). */
async function incidentsByComponentDay(db: DbOrTx, pageId: string, since: Date, now: Date, locale: Locale, timeZone: string) {
  const rows = await db
    .select({
      id: incidents.id,
      title: incidents.title,
      titleEn: incidents.titleEn,
      startedAt: incidents.startedAt,
      resolvedAt: incidents.resolvedAt,
      componentId: incidentComponents.componentId,
    })
    .from(incidents)
    .innerJoin(incidentComponents, eq(incidentComponents.incidentId, incidents.id))
    .where(
      and(
        eq(incidents.pageId, pageId),
        eq(incidents.published, true),
        lte(incidents.startedAt, now),
        or(isNull(incidents.resolvedAt), gte(incidents.resolvedAt, since)),
      ),
    );
  const dayKey = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  const map = new Map<string, DayIncident[]>();
  for (const row of rows) {
    const end = row.resolvedAt ?? now;
    for (let t = row.startedAt.getTime(); t <= end.getTime() + 86_399_999; t += 86_400_000) {
      const key = `${row.componentId}:${dayKey.format(new Date(Math.min(t, end.getTime())))}`;
      const list = map.get(key) ?? [];
      if (!list.some((i) => i.id === row.id)) list.push({ id: row.id, title: localized(locale, row.title, row.titleEn) });
      map.set(key, list);
    }
  }
  return map;
}
