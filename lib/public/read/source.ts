import { and, asc, desc, eq, inArray, isNull, ne, notInArray } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client';
import {
  componentGroups,
  components,
  incidentComponents,
  incidents,
  incidentUpdates,
  maintenanceComponents,
  maintenances,
  maintenanceUpdates,
  pageBranding,
} from '../../../db/schema';
import { listPublishedHeads, type PublishedHead } from '../../evidence/heads';
import { resolvePage, type PageRow } from '../../pages/context';

/** How many past incidents and maintenances the list documents carry (Statuspage uses 50). */
export const LIST_LIMIT = 50;

export type PublicSource = {
  page: PageRow;
  groups: (typeof componentGroups.$inferSelect)[];
  components: (typeof components.$inferSelect)[];
  incidents: (typeof incidents.$inferSelect)[];
  incidentUpdates: (typeof incidentUpdates.$inferSelect)[];
  incidentComponents: { incidentId: string; componentId: string; status: string }[];
  maintenances: (typeof maintenances.$inferSelect)[];
  maintenanceUpdates: (typeof maintenanceUpdates.$inferSelect)[];
  maintenanceComponents: { maintenanceId: string; componentId: string }[];
  /** Published evidence chain heads, oldest first (the heads JSON, feed entries). */
  evidenceHeads: PublishedHead[];
  /** The page's brand colour for the embed and the widget (null: the default look). */
  brandColor?: string | null;
  loadedAt: Date;
};

/**
 * Every row the public documents (v2 JSON, feeds, badges) are shaped from, read once per
 * rebuild: published incidents only (drafts opened by alerts stay private), no cancelled
 * maintenance, no deleted components.
 */
export async function loadPublicSource(db: DbOrTx, now = new Date()): Promise<PublicSource> {
  const page = await resolvePage(db);
  const [
    groupRows,
    componentRows,
    recentIncidents,
    openIncidents,
    recentMaintenances,
    openMaintenances,
    evidenceHeads,
    brandRows,
  ] = await Promise.all([
    db.select().from(componentGroups).where(eq(componentGroups.pageId, page.id)).orderBy(asc(componentGroups.position)),
    db
      .select()
      .from(components)
      .where(and(eq(components.pageId, page.id), isNull(components.deletedAt)))
      .orderBy(asc(components.position)),
    db
      .select()
      .from(incidents)
      .where(and(eq(incidents.pageId, page.id), eq(incidents.published, true)))
      .orderBy(desc(incidents.startedAt))
      .limit(LIST_LIMIT),
    db
      .select()
      .from(incidents)
      .where(and(eq(incidents.pageId, page.id), eq(incidents.published, true), ne(incidents.status, 'resolved'))),
    db
      .select()
      .from(maintenances)
      .where(and(eq(maintenances.pageId, page.id), ne(maintenances.status, 'cancelled')))
      .orderBy(desc(maintenances.scheduledStart))
      .limit(LIST_LIMIT),
    db
      .select()
      .from(maintenances)
      .where(and(eq(maintenances.pageId, page.id), notInArray(maintenances.status, ['cancelled', 'completed']))),
    listPublishedHeads(db),
    db.select({ brandColor: pageBranding.brandColor }).from(pageBranding).where(eq(pageBranding.pageId, page.id)),
  ]);
  const incidentRows = uniqueById([...openIncidents, ...recentIncidents]);
  const maintenanceRows = uniqueById([...openMaintenances, ...recentMaintenances]);
  const incidentIds = incidentRows.map((i) => i.id);
  const maintenanceIds = maintenanceRows.map((m) => m.id);
  const [updateRows, incidentComponentRows, maintenanceUpdateRows, maintenanceComponentRows] = await Promise.all([
    incidentIds.length
      ? db
          .select()
          .from(incidentUpdates)
          .where(inArray(incidentUpdates.incidentId, incidentIds))
          .orderBy(desc(incidentUpdates.displayAt))
      : [],
    incidentIds.length
      ? db
          .select({
            incidentId: incidentComponents.incidentId,
            componentId: incidentComponents.componentId,
            status: incidentComponents.status,
          })
          .from(incidentComponents)
          .where(inArray(incidentComponents.incidentId, incidentIds))
      : [],
    maintenanceIds.length
      ? db
          .select()
          .from(maintenanceUpdates)
          .where(inArray(maintenanceUpdates.maintenanceId, maintenanceIds))
          .orderBy(desc(maintenanceUpdates.createdAt))
      : [],
    maintenanceIds.length
      ? db
          .select({ maintenanceId: maintenanceComponents.maintenanceId, componentId: maintenanceComponents.componentId })
          .from(maintenanceComponents)
          .where(inArray(maintenanceComponents.maintenanceId, maintenanceIds))
      : [],
  ]);
  return {
    page,
    groups: groupRows,
    components: componentRows,
    incidents: incidentRows.sort((a, b) => b.startedAt.getTime() - a.startedAt.getTime()),
    incidentUpdates: updateRows,
    incidentComponents: incidentComponentRows,
    maintenances: maintenanceRows.sort((a, b) => b.scheduledStart.getTime() - a.scheduledStart.getTime()),
    maintenanceUpdates: maintenanceUpdateRows,
    maintenanceComponents: maintenanceComponentRows,
    evidenceHeads,
    brandColor: brandRows[0]?.brandColor ?? null,
    loadedAt: now,
  };
}

function uniqueById<T extends { id: string }>(rows: T[]): T[] {
  return [...new Map(rows.map((r) => [r.id, r])).values()];
}
