import { and, asc, desc, eq, gte, inArray, isNull } from 'drizzle-orm';
import { incidents, maintenances } from '../../../db/schema';
import { ROLES, type MaintenanceStatus } from '../../domain/statuses';
import { resolvePage } from '../../pages/context';
import { nowOf, requireRole, type ServiceContext } from '../context';
import { listConsoleComponents } from '../components/list';
import { withComponents } from './list';

export type DashboardMaintenance = {
  id: string;
  title: string;
  titleEn: string | null;
  status: MaintenanceStatus;
  scheduledStart: Date;
  scheduledEnd: Date;
};

/** What an operator needs at a glance: statuses, open incidents, the next maintenance (delivery progress comes from lib/notify/console). */
export async function loadDashboard({ ctx }: { ctx: ServiceContext }) {
  requireRole(ctx, ROLES);
  const now = nowOf(ctx);
  const page = await resolvePage(ctx.db);
  const [catalogue, openRows, upcoming] = await Promise.all([
    listConsoleComponents({ ctx }),
    ctx.db
      .select()
      .from(incidents)
      .where(and(eq(incidents.pageId, page.id), isNull(incidents.resolvedAt), isNull(incidents.withdrawnAt)))
      .orderBy(desc(incidents.startedAt)),
    ctx.db
      .select({
        id: maintenances.id,
        title: maintenances.title,
        titleEn: maintenances.titleEn,
        status: maintenances.status,
        scheduledStart: maintenances.scheduledStart,
        scheduledEnd: maintenances.scheduledEnd,
      })
      .from(maintenances)
      .where(
        and(
          eq(maintenances.pageId, page.id),
          gte(maintenances.scheduledEnd, now),
          inArray(maintenances.status, ['scheduled', 'in_progress', 'verifying']),
          isNull(maintenances.cancelledAt),
        ),
      )
      .orderBy(asc(maintenances.scheduledStart))
      .limit(10),
  ]);
  return {
    timeZone: page.timeZone,
    groups: catalogue.groups.filter((g) => g.components.length > 0),
    openIncidents: await withComponents(ctx.db, openRows),
    upcomingMaintenances: upcoming satisfies DashboardMaintenance[],
  };
}
