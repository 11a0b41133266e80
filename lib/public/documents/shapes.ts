import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import type { ComponentStatus } from '../../domain/statuses';
import type { Locale } from '../../i18n/locales';
import { localized } from '../../i18n/localized';
import { worstStatus } from '../../status/overall';
import type { PublicSource } from '../read/source';

// Atlassian Statuspage public v2 objects, field for field, so existing widgets, bots and
// monitors read Shirase unchanged. Times carry the page's offset, as Statuspage's do.

export type V2Page = { id: string; name: string; url: string; time_zone: string; updated_at: string };

export type V2Component = {
  id: string;
  name: string;
  status: ComponentStatus;
  created_at: string;
  updated_at: string;
  position: number;
  description: string | null;
  showcase: boolean;
  start_date: string | null;
  group_id: string | null;
  page_id: string;
  group: boolean;
  only_show_if_degraded: boolean;
  /** Only on groups: the ids of their components. */
  components?: string[];
};

export type V2AffectedComponent = { code: string; name: string; old_status: ComponentStatus; new_status: ComponentStatus };

export type V2IncidentUpdate = {
  id: string;
  status: string;
  body: string;
  incident_id: string;
  created_at: string;
  updated_at: string;
  display_at: string;
  affected_components: V2AffectedComponent[] | null;
  deliver_notifications: boolean;
  custom_tweet: null;
  tweet_id: null;
};

export type V2Incident = {
  id: string;
  name: string;
  status: 'investigating' | 'identified' | 'monitoring' | 'resolved' | 'postmortem';
  created_at: string;
  updated_at: string;
  monitoring_at: string | null;
  resolved_at: string | null;
  impact: 'none' | 'minor' | 'major' | 'critical';
  shortlink: string;
  started_at: string;
  page_id: string;
  incident_updates: V2IncidentUpdate[];
  components: V2Component[];
};

export type V2Maintenance = Omit<V2Incident, 'status' | 'impact'> & {
  status: 'scheduled' | 'in_progress' | 'verifying' | 'completed';
  impact: 'maintenance';
  scheduled_for: string;
  scheduled_until: string;
};

export type ShapeOptions = { locale: Locale; baseUrl: string };

/** "2026-11-23T12:00:00.000+09:00" in the page's time zone. */
export function zonedIso(date: Date, timeZone: string): string {
  return format(new TZDate(date, timeZone), "yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
}

export function shapePage(source: PublicSource, options: ShapeOptions): V2Page {
  const times = [
    source.page.createdAt,
    ...source.components.map((c) => c.updatedAt),
    ...source.incidents.map((i) => i.updatedAt),
    ...source.incidentUpdates.map((u) => u.updatedAt),
    ...source.maintenances.map((m) => m.updatedAt),
    ...source.maintenanceUpdates.map((u) => u.createdAt),
  ];
  const latest = new Date(Math.max(...times.map((t) => t.getTime())));
  return {
    id: source.page.id,
    name: localized(options.locale, source.page.name, source.page.nameEn),
    url: options.baseUrl,
    time_zone: source.page.timeZone,
    updated_at: zonedIso(latest, source.page.timeZone),
  };
}

// Every document of one rebuild embeds the same components: shape them once per source and language.
const shapedComponents = new WeakMap<PublicSource, Map<string, V2Component[]>>();

/** Groups become components with `group: true`, listed before their members, numbered in display order. */
export function shapeComponents(source: PublicSource, options: ShapeOptions): V2Component[] {
  const key = `${options.locale} ${options.baseUrl}`;
  const byOptions = shapedComponents.get(source) ?? new Map<string, V2Component[]>();
  shapedComponents.set(source, byOptions);
  const cached = byOptions.get(key);
  if (cached) return cached;
  const shaped = shapeComponentList(source, options);
  byOptions.set(key, shaped);
  return shaped;
}

function shapeComponentList(source: PublicSource, options: ShapeOptions): V2Component[] {
  const { page } = source;
  const tz = page.timeZone;
  const out: V2Component[] = [];
  const shapeOne = (c: PublicSource['components'][number]): V2Component => ({
    id: c.id,
    name: localized(options.locale, c.name, c.nameEn),
    status: c.status,
    created_at: zonedIso(c.createdAt, tz),
    updated_at: zonedIso(c.updatedAt, tz),
    position: out.length + 1,
    description: options.locale === 'en' && c.descriptionEn ? c.descriptionEn : c.description,
    showcase: true,
    start_date: format(new TZDate(c.createdAt, tz), 'yyyy-MM-dd'),
    group_id: c.groupId,
    page_id: page.id,
    group: false,
    only_show_if_degraded: c.onlyShowIfDegraded,
  });
  for (const g of source.groups) {
    const members = source.components.filter((c) => c.groupId === g.id);
    if (members.length === 0) continue;
    const updated = Math.max(g.createdAt.getTime(), ...members.map((m) => m.updatedAt.getTime()));
    out.push({
      id: g.id,
      name: localized(options.locale, g.name, g.nameEn),
      status: worstStatus(members.map((m) => m.status)),
      created_at: zonedIso(g.createdAt, tz),
      updated_at: zonedIso(new Date(updated), tz),
      position: out.length + 1,
      description: null,
      showcase: false,
      start_date: null,
      group_id: null,
      page_id: page.id,
      group: true,
      only_show_if_degraded: false,
      components: members.map((m) => m.id),
    });
    for (const m of members) out.push(shapeOne(m));
  }
  const groupIds = new Set(source.groups.map((g) => g.id));
  for (const c of source.components.filter((c) => !c.groupId || !groupIds.has(c.groupId)))
    out.push({ ...shapeOne(c), group_id: null });
  return out;
}

export function shapeIncidents(source: PublicSource, options: ShapeOptions, rows: PublicSource['incidents']): V2Incident[] {
  const tz = source.page.timeZone;
  const componentsById = new Map(shapeComponents(source, options).map((c) => [c.id, c]));
  return rows.map((row) => {
    const updates = source.incidentUpdates.filter((u) => u.incidentId === row.id);
    return {
      id: row.id,
      name: localized(options.locale, row.title, row.titleEn),
      status: row.status === 'resolved' && row.postmortemAt ? 'postmortem' : row.status,
      created_at: zonedIso(row.createdAt, tz),
      updated_at: zonedIso(row.updatedAt, tz),
      monitoring_at: row.monitoringAt ? zonedIso(row.monitoringAt, tz) : null,
      resolved_at: row.resolvedAt ? zonedIso(row.resolvedAt, tz) : null,
      impact: row.impact,
      shortlink: `${options.baseUrl}/incidents/${row.id}`,
      started_at: zonedIso(row.startedAt, tz),
      page_id: source.page.id,
      incident_updates: shapeIncidentUpdates(updates, componentsById, tz, options),
      components: source.incidentComponents
        .filter((ic) => ic.incidentId === row.id)
        .flatMap((ic) => componentsById.get(ic.componentId) ?? []),
    };
  });
}

type AffectedEntry = { id: string; status: ComponentStatus; from?: ComponentStatus };

/** Newest first. Old statuses are replayed from the incident's own earlier updates. */
function shapeIncidentUpdates(
  updates: PublicSource['incidentUpdates'],
  componentsById: Map<string, V2Component>,
  tz: string,
  options: ShapeOptions,
): V2IncidentUpdate[] {
  const chronological = [...updates].sort((a, b) => a.displayAt.getTime() - b.displayAt.getTime());
  const known = new Map<string, ComponentStatus>();
  const shaped = chronological.map((u) => {
    const entries = parseAffected(u.affectedComponents);
    const affected = entries.map((a) => {
      const old = a.from ?? known.get(a.id) ?? 'operational';
      known.set(a.id, a.status);
      return { code: a.id, name: componentsById.get(a.id)?.name ?? '', old_status: old, new_status: a.status };
    });
    return {
      id: u.id,
      status: u.status,
      body: localized(options.locale, u.body, u.bodyEn),
      incident_id: u.incidentId,
      created_at: zonedIso(u.createdAt, tz),
      updated_at: zonedIso(u.updatedAt, tz),
      display_at: zonedIso(u.displayAt, tz),
      affected_components: affected.length ? affected : null,
      deliver_notifications: u.notifySubscribers,
      custom_tweet: null,
      tweet_id: null,
    };
  });
  return shaped.reverse();
}

function parseAffected(raw: string | null): AffectedEntry[] {
  if (!raw) return [];
  try {
    const parsed: unknown = JSON.parse(raw);
    return Array.isArray(parsed)
      ? parsed.filter((p): p is AffectedEntry => typeof p?.id === 'string' && typeof p?.status === 'string')
      : [];
  } catch {
    return [];
  }
}

export function shapeMaintenances(
  source: PublicSource,
  options: ShapeOptions,
  rows: PublicSource['maintenances'],
): V2Maintenance[] {
  const tz = source.page.timeZone;
  const componentsById = new Map(shapeComponents(source, options).map((c) => [c.id, c]));
  return rows.flatMap((row) => {
    if (row.status === 'cancelled') return [];
    const updates = source.maintenanceUpdates.filter((u) => u.maintenanceId === row.id);
    // A maintenance announced without separate updates still shows its announcement, as Statuspage does.
    const timeline = updates.length
      ? updates
      : [{ id: row.id, status: 'scheduled' as const, body: row.body, bodyEn: row.bodyEn, createdAt: row.announcedAt }];
    return [
      {
        id: row.id,
        name: localized(options.locale, row.title, row.titleEn),
        status: row.status,
        created_at: zonedIso(row.createdAt, tz),
        updated_at: zonedIso(row.updatedAt, tz),
        monitoring_at: null,
        resolved_at: row.status === 'completed' && row.actualEnd ? zonedIso(row.actualEnd, tz) : null,
        impact: 'maintenance' as const,
        shortlink: `${options.baseUrl}/maintenance/${row.id}`,
        started_at: zonedIso(row.actualStart ?? row.scheduledStart, tz),
        page_id: source.page.id,
        incident_updates: timeline.map((u) => ({
          id: u.id,
          status: u.status,
          body: localized(options.locale, u.body, u.bodyEn),
          incident_id: row.id,
          created_at: zonedIso(u.createdAt, tz),
          updated_at: zonedIso(u.createdAt, tz),
          display_at: zonedIso(u.createdAt, tz),
          affected_components: null,
          deliver_notifications: true,
          custom_tweet: null,
          tweet_id: null,
        })),
        components: source.maintenanceComponents
          .filter((mc) => mc.maintenanceId === row.id)
          .flatMap((mc) => componentsById.get(mc.componentId) ?? []),
        scheduled_for: zonedIso(row.scheduledStart, tz),
        scheduled_until: zonedIso(row.scheduledEnd, tz),
      },
    ];
  });
}
