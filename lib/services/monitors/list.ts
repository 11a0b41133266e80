import { and, asc, desc, eq, gte, inArray } from 'drizzle-orm';
import { components, monitorResults, monitors, monitorSchedules } from '../../../db/schema';
import { ROLES } from '../../domain/statuses';
import { resolvePage } from '../../pages/context';
import { requireRole, type ServiceContext } from '../context';

export type MonitorRegionState = {
  region: string;
  lastCheckedAt: Date | null;
  lastOk: boolean | null;
  lastLatencyMs: number | null;
  lastError: string | null;
  consecutiveFailures: number;
};
export type MonitorSummary = typeof monitors.$inferSelect & {
  componentName: string | null;
  regions: MonitorRegionState[];
  /** Latency of recent checks, oldest first (null = failed). */
  recent: { at: Date; ok: boolean; latencyMs: number | null }[];
};

/** Every monitor of the page with its regions and last day of checks: the console list and the API. */
export async function listMonitors({
  ctx,
  ids,
  recentHours = 24,
}: {
  ctx: ServiceContext;
  ids?: string[];
  recentHours?: number;
}): Promise<MonitorSummary[]> {
  requireRole(ctx, ROLES);
  const page = await resolvePage(ctx.db);
  const rows = await ctx.db
    .select({ monitor: monitors, componentName: components.name })
    .from(monitors)
    .leftJoin(components, eq(components.id, monitors.componentId))
    .where(and(eq(monitors.pageId, page.id), ids ? inArray(monitors.id, ids) : undefined))
    .orderBy(asc(monitors.name));
  if (rows.length === 0) return [];
  const monitorIds = rows.map((r) => r.monitor.id);
  const since = new Date(Date.now() - recentHours * 3_600_000);
  const [schedules, recent] = await Promise.all([
    ctx.db
      .select()
      .from(monitorSchedules)
      .where(inArray(monitorSchedules.monitorId, monitorIds))
      .orderBy(asc(monitorSchedules.region)),
    ctx.db
      .select({
        monitorId: monitorResults.monitorId,
        at: monitorResults.checkedAt,
        ok: monitorResults.ok,
        latencyMs: monitorResults.latencyMs,
      })
      .from(monitorResults)
      .where(and(inArray(monitorResults.monitorId, monitorIds), gte(monitorResults.checkedAt, since)))
      .orderBy(desc(monitorResults.checkedAt))
      .limit(200 * monitorIds.length),
  ]);
  return rows.map(({ monitor, componentName }) => ({
    ...monitor,
    componentName,
    regions: schedules.filter((s) => s.monitorId === monitor.id),
    recent: recent
      .filter((r) => r.monitorId === monitor.id)
      .slice(0, 200)
      .reverse()
      .map(({ at, ok, latencyMs }) => ({ at, ok, latencyMs })),
  }));
}
