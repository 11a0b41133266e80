import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client';
import {
  componentGroups,
  components,
  incidentComponents,
  incidents,
  incidentUpdates,
  maintenanceComponents,
  maintenances,
  maintenanceUpdates,
} from '../../db/schema';
import { env } from '../env';
import { ServiceError } from '../errors';
import { publicBaseUrl } from '../notices/links';
import type { PageRow } from '../pages/context';
import {
  shapeComponents,
  shapeIncidents,
  shapeMaintenances,
  zonedIso,
  type V2Component,
  type V2Incident,
  type V2Maintenance,
} from '../public/documents/shapes';
import type { PublicSource } from '../public/read/source';

// Management API answers in the same shapes as the public v2 API, drafts included (the caller
// is authorised), built from just the rows concerned.

async function baseSource(db: Db, page: PageRow): Promise<PublicSource> {
  const [groupRows, componentRows] = await Promise.all([
    db.select().from(componentGroups).where(eq(componentGroups.pageId, page.id)).orderBy(asc(componentGroups.position)),
    db
      .select()
      .from(components)
      .where(and(eq(components.pageId, page.id), isNull(components.deletedAt)))
      .orderBy(asc(components.position)),
  ]);
  return {
    page,
    groups: groupRows,
    components: componentRows,
    incidents: [],
    incidentUpdates: [],
    incidentComponents: [],
    maintenances: [],
    maintenanceUpdates: [],
    maintenanceComponents: [],
    evidenceHeads: [],
    loadedAt: new Date(),
  };
}

const shapeOptions = () => ({ locale: env().DEFAULT_LOCALE, baseUrl: publicBaseUrl() });

/** Statuspage's incident plus where it came from: entered after the fact, by which key, when. */
export type ManagedIncident = V2Incident & { backfilled: boolean; backfilled_by: string | null; backfilled_at: string | null };

export async function incidentView(db: Db, page: PageRow, id: string): Promise<ManagedIncident> {
  const [row] = await db
    .select()
    .from(incidents)
    .where(and(eq(incidents.id, id), eq(incidents.pageId, page.id)));
  if (!row) throw new ServiceError('not_found', 'incident_not_found');
  const [source, updates, affected] = await Promise.all([
    baseSource(db, page),
    db.select().from(incidentUpdates).where(eq(incidentUpdates.incidentId, id)),
    db
      .select({
        incidentId: incidentComponents.incidentId,
        componentId: incidentComponents.componentId,
        status: incidentComponents.status,
      })
      .from(incidentComponents)
      .where(eq(incidentComponents.incidentId, id)),
  ]);
  const [shaped] = shapeIncidents(
    { ...source, incidents: [row], incidentUpdates: updates, incidentComponents: affected },
    shapeOptions(),
    [row],
  );
  return {
    ...shaped,
    backfilled: row.backfilledBy !== null,
    backfilled_by: row.backfilledBy,
    backfilled_at: row.backfilledAt ? zonedIso(row.backfilledAt, page.timeZone) : null,
  };
}

export async function maintenanceView(db: Db, page: PageRow, id: string): Promise<V2Maintenance | null> {
  const [row] = await db
    .select()
    .from(maintenances)
    .where(and(eq(maintenances.id, id), eq(maintenances.pageId, page.id)));
  if (!row) throw new ServiceError('not_found', 'maintenance_not_found');
  const [source, updates, scope] = await Promise.all([
    baseSource(db, page),
    db.select().from(maintenanceUpdates).where(eq(maintenanceUpdates.maintenanceId, id)),
    db
      .select({ maintenanceId: maintenanceComponents.maintenanceId, componentId: maintenanceComponents.componentId })
      .from(maintenanceComponents)
      .where(inArray(maintenanceComponents.maintenanceId, [id])),
  ]);
  return (
    shapeMaintenances(
      { ...source, maintenances: [row], maintenanceUpdates: updates, maintenanceComponents: scope },
      shapeOptions(),
      [row],
    )[0] ?? null
  );
}

export async function componentViews(db: Db, page: PageRow): Promise<V2Component[]> {
  return shapeComponents(await baseSource(db, page), shapeOptions());
}

export async function componentView(db: Db, page: PageRow, id: string): Promise<V2Component> {
  const found = (await componentViews(db, page)).find((c) => c.id === id && !c.group);
  if (!found) throw new ServiceError('not_found', 'component_not_found');
  return found;
}
