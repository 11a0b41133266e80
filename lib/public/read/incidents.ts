import { and, desc, eq, gte, inArray, lt, count } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client';
import { components, incidentComponents, incidents, incidentUpdates } from '../../../db/schema';
import type { ComponentStatus, Impact, IncidentStatus, Severity } from '../../domain/statuses';
import type { Locale } from '../../i18n/locales';
import { localized, localizedOptional } from '../../i18n/localized';

export type PublicIncidentUpdate = {
  id: string;
  status: IncidentStatus;
  body: string;
  displayAt: Date;
  affectedComponents: { id: string; name: string; status: ComponentStatus }[];
};

export type PublicIncident = {
  id: string;
  title: string;
  status: IncidentStatus;
  severity: Severity;
  impact: Impact;
  startedAt: Date;
  resolvedAt: Date | null;
  postmortem: string | null;
  components: { id: string; name: string; status: ComponentStatus }[];
  updates: PublicIncidentUpdate[];
};

type IncidentRow = typeof incidents.$inferSelect;

/** Shapes published incidents for display (no authors, no internal notes). */
export async function shapeIncidents(db: DbOrTx, rows: IncidentRow[], locale: Locale): Promise<PublicIncident[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [updateRows, componentRows] = await Promise.all([
    db.select().from(incidentUpdates).where(inArray(incidentUpdates.incidentId, ids)).orderBy(desc(incidentUpdates.displayAt)),
    db
      .select({
        incidentId: incidentComponents.incidentId,
        id: components.id,
        name: components.name,
        nameEn: components.nameEn,
        status: incidentComponents.status,
      })
      .from(incidentComponents)
      .innerJoin(components, eq(components.id, incidentComponents.componentId))
      .where(inArray(incidentComponents.incidentId, ids)),
  ]);
  const componentName = new Map(componentRows.map((c) => [c.id, localized(locale, c.name, c.nameEn)]));
  return rows.map((row) => ({
    id: row.id,
    title: localized(locale, row.title, row.titleEn),
    status: row.status,
    severity: row.severity,
    impact: row.impact,
    startedAt: row.startedAt,
    resolvedAt: row.resolvedAt,
    postmortem: localizedOptional(locale, row.postmortem, row.postmortemEn),
    components: componentRows
      .filter((c) => c.incidentId === row.id)
      .map((c) => ({ id: c.id, name: localized(locale, c.name, c.nameEn), status: c.status })),
    updates: updateRows
      .filter((u) => u.incidentId === row.id)
      .map((u) => ({
        id: u.id,
        status: u.status,
        body: localized(locale, u.body, u.bodyEn),
        displayAt: u.displayAt,
        affectedComponents: parseAffected(u.affectedComponents).map((a) => ({ ...a, name: componentName.get(a.id) ?? '' })),
      })),
  }));
}

function parseAffected(raw: string | null): { id: string; status: ComponentStatus }[] {
  if (!raw) return [];
  try {
    const parsed = JSON.parse(raw) as { id: string; status: ComponentStatus }[];
    return Array.isArray(parsed) ? parsed : [];
  } catch {
    return [];
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A published incident by id, or null for unknown and malformed ids alike. */
export async function findPublicIncident(db: DbOrTx, pageId: string, id: string, locale: Locale): Promise<PublicIncident | null> {
  if (!UUID.test(id)) return null;
  const rows = await db
    .select()
    .from(incidents)
    .where(and(eq(incidents.id, id), eq(incidents.pageId, pageId), eq(incidents.published, true)));
  const [shaped] = await shapeIncidents(db, rows, locale);
  return shaped ?? null;
}

/** Incidents that started in [from, to), newest first, paginated by month on /history. */
export async function listIncidentsBetween(
  db: DbOrTx,
  pageId: string,
  from: Date,
  to: Date,
  locale: Locale,
): Promise<PublicIncident[]> {
  const rows = await db
    .select()
    .from(incidents)
    .where(
      and(
        eq(incidents.pageId, pageId),
        eq(incidents.published, true),
        gte(incidents.startedAt, from),
        lt(incidents.startedAt, to),
      ),
    )
    .orderBy(desc(incidents.startedAt));
  return shapeIncidents(db, rows, locale);
}

export async function countIncidentsBefore(db: DbOrTx, pageId: string, before: Date): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(incidents)
    .where(and(eq(incidents.pageId, pageId), eq(incidents.published, true), lt(incidents.startedAt, before)));
  return row?.n ?? 0;
}
