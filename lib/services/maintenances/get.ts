import { asc, count, eq, sql } from 'drizzle-orm';
import { deliveries, maintenances, maintenanceUpdates, notificationMessages, pages, users } from '../../../db/schema';
import { ROLES } from '../../domain/statuses';
import { ServiceError } from '../../errors';
import { evaluatePlan } from '../../maintenance/plan';
import { nowOf, requireRole, type ServiceContext } from '../context';
import { parseMaintenanceId } from './input';
import { withScope } from './list';

/** Everything the console shows for one maintenance: record, policy facts, posts and notices sent. */
export async function getMaintenance({ ctx, input }: { ctx: ServiceContext; input: { id: unknown } }) {
  requireRole(ctx, ROLES);
  const id = parseMaintenanceId(input.id);
  const [row] = await ctx.db.select().from(maintenances).where(eq(maintenances.id, id));
  if (!row) throw new ServiceError('not_found', 'maintenance_not_found');
  const [page] = await ctx.db.select({ id: pages.id, timeZone: pages.timeZone }).from(pages).where(eq(pages.id, row.pageId));
  const [item] = await withScope(ctx.db, [row], nowOf(ctx));
  const [plan, updates, notices] = await Promise.all([
    evaluatePlan(ctx.db, page, {
      start: row.scheduledStart,
      end: row.scheduledEnd,
      announcedAt: row.announcedAt,
      componentIds: item.components.map((c) => c.id),
    }).catch(
      // A component deleted since scheduling: the stored facts still stand, only the live check is gone.
      () => null,
    ),
    ctx.db
      .select({
        id: maintenanceUpdates.id,
        status: maintenanceUpdates.status,
        body: maintenanceUpdates.body,
        bodyEn: maintenanceUpdates.bodyEn,
        createdAt: maintenanceUpdates.createdAt,
        author: users.email,
      })
      .from(maintenanceUpdates)
      .leftJoin(users, eq(users.id, maintenanceUpdates.authorId))
      .where(eq(maintenanceUpdates.maintenanceId, id))
      .orderBy(asc(maintenanceUpdates.createdAt)),
    ctx.db
      .select({
        type: notificationMessages.type,
        createdAt: notificationMessages.createdAt,
        recipients: count(deliveries.id),
        sent: sql<number>`count(*) filter (where ${deliveries.status} = 'sent')`.mapWith(Number),
      })
      .from(notificationMessages)
      .leftJoin(deliveries, eq(deliveries.messageId, notificationMessages.id))
      .where(eq(notificationMessages.maintenanceId, id))
      .groupBy(notificationMessages.id)
      .orderBy(asc(notificationMessages.createdAt)),
  ]);
  return {
    ...item,
    body: row.body,
    bodyEn: row.bodyEn,
    announcedAt: row.announcedAt,
    actualStart: row.actualStart,
    actualEnd: row.actualEnd,
    cancelledAt: row.cancelledAt,
    autoComplete: row.autoComplete,
    overrunAlertedAt: row.overrunAlertedAt,
    timeZone: page.timeZone,
    check: plan?.check ?? null,
    updates,
    notices,
  };
}

export type MaintenanceDetail = Awaited<ReturnType<typeof getMaintenance>>;
