import { and, asc, count, desc, eq, inArray, isNull, notInArray } from 'drizzle-orm';
import { componentGroups, components, maintenanceComponents, maintenances } from '../../../db/schema';
import { ROLES, type MaintenanceStatus } from '../../domain/statuses';
import { resolvePage } from '../../pages/context';
import { requireRole, nowOf, type DbOrTx, type ServiceContext } from '../context';

export type MaintenanceListItem = {
  id: string;
  title: string;
  titleEn: string | null;
  status: MaintenanceStatus;
  scheduledStart: Date;
  scheduledEnd: Date;
  expectedDowntimeMinutes: number;
  lateNotice: boolean;
  outOfWindow: boolean;
  overrunning: boolean;
  sequence: number;
  components: { id: string; name: string; nameEn: string | null }[];
};

export const MAINTENANCES_PER_PAGE = 20;

/** "current": scheduled and running, soonest first; "past": completed and cancelled, newest first. */
export async function listMaintenances({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { state: 'current' | 'past'; page?: number };
}) {
  requireRole(ctx, ROLES);
  const page = await resolvePage(ctx.db);
  const now = nowOf(ctx);
  const pageNumber = Math.max(1, Math.floor(input.page ?? 1));
  const closed = ['completed', 'cancelled'] as MaintenanceStatus[];
  const where =
    input.state === 'current'
      ? and(eq(maintenances.pageId, page.id), notInArray(maintenances.status, closed))
      : and(eq(maintenances.pageId, page.id), inArray(maintenances.status, closed));
  const [rows, [{ total }]] = await Promise.all([
    ctx.db
      .select()
      .from(maintenances)
      .where(where)
      .orderBy(input.state === 'current' ? asc(maintenances.scheduledStart) : desc(maintenances.scheduledStart))
      .limit(MAINTENANCES_PER_PAGE)
      .offset((pageNumber - 1) * MAINTENANCES_PER_PAGE),
    ctx.db.select({ total: count() }).from(maintenances).where(where),
  ]);
  return {
    items: await withScope(ctx.db, rows, now),
    total,
    page: pageNumber,
    pages: Math.max(1, Math.ceil(total / MAINTENANCES_PER_PAGE)),
    timeZone: page.timeZone,
  };
}

export async function withScope(
  db: DbOrTx,
  rows: (typeof maintenances.$inferSelect)[],
  now: Date,
): Promise<MaintenanceListItem[]> {
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
    )
    .orderBy(asc(components.position));
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    titleEn: r.titleEn,
    status: r.status,
    scheduledStart: r.scheduledStart,
    scheduledEnd: r.scheduledEnd,
    expectedDowntimeMinutes: r.expectedDowntimeMinutes,
    lateNotice: r.lateNotice,
    outOfWindow: r.outOfWindow,
    overrunning: (r.status === 'in_progress' || r.status === 'verifying') && r.scheduledEnd < now,
    sequence: r.sequence,
    components: scope.filter((s) => s.maintenanceId === r.id).map(({ id, name, nameEn }) => ({ id, name, nameEn })),
  }));
}

/** Components an operator can put in scope, by group, for the scheduling form. */
export async function maintenanceFormOptions({ ctx }: { ctx: ServiceContext }) {
  requireRole(ctx, ROLES);
  const page = await resolvePage(ctx.db);
  const rows = await ctx.db
    .select({
      id: components.id,
      name: components.name,
      nameEn: components.nameEn,
      groupId: componentGroups.id,
      groupName: componentGroups.name,
      groupNameEn: componentGroups.nameEn,
    })
    .from(components)
    .leftJoin(componentGroups, eq(componentGroups.id, components.groupId))
    .where(and(eq(components.pageId, page.id), isNull(components.deletedAt)))
    .orderBy(asc(componentGroups.position), asc(components.position));
  const groups = new Map<
    string,
    { name: string | null; nameEn: string | null; components: { id: string; name: string; nameEn: string | null }[] }
  >();
  for (const r of rows) {
    const key = r.groupId ?? '';
    if (!groups.has(key)) groups.set(key, { name: r.groupName, nameEn: r.groupNameEn, components: [] });
    groups.get(key)!.components.push({ id: r.id, name: r.name, nameEn: r.nameEn });
  }
  return { timeZone: page.timeZone, groups: [...groups.values()] };
}
