import { sql } from 'drizzle-orm';
import { rowsOf, type DbOrTx } from '../../db/client';

export type MeasuredUptime = { componentId: string; checks: number; failures: number; uptimePercent: number | null };

/**
 * Share of passing checks per monitored component over [from, to): hourly roll-ups where the
 * raw results were already rolled up, raw results after that. Every monitor of a component
 * counts, each check once.
 */
export async function measuredUptime(
  db: DbOrTx,
  options: { componentIds: string[]; from: Date; to: Date },
): Promise<MeasuredUptime[]> {
  if (options.componentIds.length === 0) return [];
  const ids = sql.join(
    options.componentIds.map((id) => sql`${id}::uuid`),
    sql`, `,
  );
  const from = options.from.toISOString();
  const to = options.to.toISOString();
  const result = await db.execute(sql`
    with m as (
      select mo.id, mo.component_id,
             (select max(starts_at) + interval '1 hour' from monitor_rollups r where r.monitor_id = mo.id and r.period = 'hour') as rolled_until
      from monitors mo where mo.component_id in (${ids})
    ),
    counted as (
      select m.component_id, r.checks, r.failures from m join monitor_rollups r on r.monitor_id = m.id and r.period = 'hour'
      where r.starts_at >= ${from}::timestamptz and r.starts_at < ${to}::timestamptz
      union all
      select m.component_id, 1, case when x.ok then 0 else 1 end from m join monitor_results x on x.monitor_id = m.id
      where x.checked_at >= greatest(${from}::timestamptz, coalesce(m.rolled_until, '-infinity'::timestamptz)) and x.checked_at < ${to}::timestamptz
    )
    select component_id::text as "componentId", sum(checks)::int as checks, sum(failures)::int as failures from counted group by component_id`);
  return rowsOf<{ componentId: string; checks: number; failures: number }>(result).map((r) => ({
    componentId: r.componentId,
    checks: Number(r.checks),
    failures: Number(r.failures),
    uptimePercent: Number(r.checks) > 0 ? ((Number(r.checks) - Number(r.failures)) / Number(r.checks)) * 100 : null,
  }));
}
