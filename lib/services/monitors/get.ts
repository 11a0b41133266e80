import { and, desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { monitorResults, monitorRollups } from '../../../db/schema';
import { ServiceError } from '../../errors';
import { ROLES } from '../../domain/statuses';
import { requireRole, type ServiceContext } from '../context';
import { listMonitors, type MonitorSummary } from './list';

export type MonitorDetail = MonitorSummary & {
  failures: { at: Date; region: string; error: string | null; statusCode: number | null }[];
  daily: {
    startsAt: Date;
    checks: number;
    failures: number;
    latencyP50: number | null;
    latencyP95: number | null;
    latencyP99: number | null;
  }[];
};

/** One monitor with its recent failures (and their errors) and daily roll-ups. */
export async function getMonitor({ ctx, id }: { ctx: ServiceContext; id: string }): Promise<MonitorDetail> {
  requireRole(ctx, ROLES);
  if (!z.uuid().safeParse(id).success) throw new ServiceError('not_found', 'monitor_not_found');
  const [monitor] = await listMonitors({ ctx, ids: [id] });
  if (!monitor) throw new ServiceError('not_found', 'monitor_not_found');
  const [failures, daily] = await Promise.all([
    ctx.db
      .select({
        at: monitorResults.checkedAt,
        region: monitorResults.region,
        error: monitorResults.error,
        statusCode: monitorResults.statusCode,
      })
      .from(monitorResults)
      .where(and(eq(monitorResults.monitorId, id), eq(monitorResults.ok, false)))
      .orderBy(desc(monitorResults.checkedAt))
      .limit(20),
    ctx.db
      .select()
      .from(monitorRollups)
      .where(and(eq(monitorRollups.monitorId, id), eq(monitorRollups.period, 'day')))
      .orderBy(desc(monitorRollups.startsAt))
      .limit(90),
  ]);
  return { ...monitor, failures, daily };
}
