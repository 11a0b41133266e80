import { and, asc, eq, exists, gt, gte, inArray, isNull, lt, lte, notInArray, or } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client';
import { componentGroups, components, maintenanceComponents, maintenances, maintenanceUpdates } from '../../../db/schema';
import type { MaintenanceStatus } from '../../domain/statuses';
import type { Locale } from '../../i18n/locales';
import { componentsKeptUp } from '../../maintenance/policies';
import { localized } from '../../i18n/localized';

export type PublicMaintenance = {
  id: string;
  title: string;
  body: string;
  status: MaintenanceStatus;
  scheduledStart: Date;
  scheduledEnd: Date;
  expectedDowntimeMinutes: number;
  actualStart: Date | null;
  actualEnd: Date | null;
  /** Still in progress after its announced end. */
  overrunning: boolean;
  /** `stops`: false where the service's policy keeps the component running during maintenance. */
  components: { id: string; name: string; stops: boolean }[];
};

type MaintenanceRow = typeof maintenances.$inferSelect;

export async function shapeMaintenances(
  db: DbOrTx,
  rows: MaintenanceRow[],
  locale: Locale,
  now: Date,
): Promise<PublicMaintenance[]> {
  if (rows.length === 0) return [];
  const scope = await db
    .select({
      maintenanceId: maintenanceComponents.maintenanceId,
      id: components.id,
      name: components.name,
      nameEn: components.nameEn,
    })
    .from(maintenanceComponents)
    .innerJoin(components, eq(components.id, maintenanceComponents.componentId))
    .where(
      inArray(
        maintenanceComponents.maintenanceId,
        rows.map((r) => r.id),
      ),
    );
  const keptUp = await componentsKeptUp(db, rows[0].pageId, [...new Set(scope.map((s) => s.id))]);
  return rows.map((row) => ({
    id: row.id,
    title: localized(locale, row.title, row.titleEn),
    body: localized(locale, row.body, row.bodyEn),
    status: row.status,
    scheduledStart: row.scheduledStart,
    scheduledEnd: row.scheduledEnd,
    expectedDowntimeMinutes: row.expectedDowntimeMinutes,
    actualStart: row.actualStart,
    actualEnd: row.actualEnd,
    overrunning: (row.status === 'in_progress' || row.status === 'verifying') && row.scheduledEnd < now,
    components: scope
      .filter((s) => s.maintenanceId === row.id)
      .map((s) => ({ id: s.id, name: localized(locale, s.name, s.nameEn), stops: !keptUp.has(s.id) })),
  }));
}

/** In progress now, or scheduled to start within `horizonDays`. */
export async function listCurrentAndUpcomingMaintenances(
  db: DbOrTx,
  pageId: string,
  now: Date,
  horizonDays: number,
  locale: Locale,
) {
  const horizon = new Date(now.getTime() + horizonDays * 86_400_000);
  const rows = await db
    .select()
    .from(maintenances)
    .where(
      and(
        eq(maintenances.pageId, pageId),
        notInArray(maintenances.status, ['completed', 'cancelled']),
        or(
          inArray(maintenances.status, ['in_progress', 'verifying']),
          and(gte(maintenances.scheduledEnd, now), lte(maintenances.scheduledStart, horizon)),
        ),
      ),
    )
    .orderBy(asc(maintenances.scheduledStart));
  const shaped = await shapeMaintenances(db, rows, locale, now);
  return {
    active: shaped.filter((m) => m.status === 'in_progress' || m.status === 'verifying'),
    upcoming: shaped.filter((m) => m.status === 'scheduled'),
  };
}

export type PublicMaintenanceUpdate = { id: string; status: MaintenanceStatus; body: string; createdAt: Date };
export type PublicMaintenanceDetail = PublicMaintenance & {
  announcedAt: Date;
  cancelledAt: Date | null;
  updates: PublicMaintenanceUpdate[];
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One maintenance with its posts (newest first), or null for unknown and malformed ids alike. */
export async function findPublicMaintenance(
  db: DbOrTx,
  pageId: string,
  id: string,
  locale: Locale,
  now: Date,
): Promise<PublicMaintenanceDetail | null> {
  if (!UUID.test(id)) return null;
  const rows = await db
    .select()
    .from(maintenances)
    .where(and(eq(maintenances.id, id), eq(maintenances.pageId, pageId)));
  const [shaped] = await shapeMaintenances(db, rows, locale, now);
  if (!shaped) return null;
  const updates = await db
    .select()
    .from(maintenanceUpdates)
    .where(eq(maintenanceUpdates.maintenanceId, id))
    .orderBy(asc(maintenanceUpdates.createdAt));
  return {
    ...shaped,
    announcedAt: rows[0].announcedAt,
    cancelledAt: rows[0].cancelledAt,
    updates: updates
      .reverse()
      .map((u) => ({ id: u.id, status: u.status, body: localized(locale, u.body, u.bodyEn), createdAt: u.createdAt })),
  };
}

/** Every maintenance whose window overlaps [from, to), optionally only those touching one component. */
export async function listMaintenancesOverlapping(
  db: DbOrTx,
  pageId: string,
  range: { from: Date; to: Date; componentId?: string | null },
  locale: Locale,
  now: Date,
): Promise<PublicMaintenance[]> {
  const touches = range.componentId
    ? exists(
        db
          .select({ one: maintenanceComponents.componentId })
          .from(maintenanceComponents)
          .where(
            and(
              eq(maintenanceComponents.maintenanceId, maintenances.id),
              eq(maintenanceComponents.componentId, range.componentId),
            ),
          ),
      )
    : undefined;
  const rows = await db
    .select()
    .from(maintenances)
    .where(
      and(
        eq(maintenances.pageId, pageId),
        lt(maintenances.scheduledStart, range.to),
        gt(maintenances.scheduledEnd, range.from),
        touches,
      ),
    )
    .orderBy(asc(maintenances.scheduledStart));
  return shapeMaintenances(db, rows, locale, now);
}

/** Components a visitor can filter the calendar by, in page order. */
export async function listFilterComponents(db: DbOrTx, pageId: string, locale: Locale): Promise<{ id: string; name: string }[]> {
  const rows = await db
    .select({ id: components.id, name: components.name, nameEn: components.nameEn })
    .from(components)
    .leftJoin(componentGroups, eq(componentGroups.id, components.groupId))
    .where(and(eq(components.pageId, pageId), isNull(components.deletedAt)))
    .orderBy(asc(componentGroups.position), asc(components.position), asc(components.name));
  return rows.map((c) => ({ id: c.id, name: localized(locale, c.name, c.nameEn) }));
}
