import { sql } from 'drizzle-orm';
import { rowsOf, type Db, type DbOrTx } from '../../db/client';

// Raw results become hourly and daily roll-ups (checks, failures, latency percentiles), then
// raw rows older than the retention are deleted. Recomputing a bucket is idempotent (upsert),
// and an advisory lock keeps several checkers from doing the same work at once.

const ROLLUP_LOCK = 7424158;
const EVERY_MS = 10 * 60_000;

async function rollUp(db: DbOrTx, period: 'hour' | 'day'): Promise<void> {
  // A literal, not a parameter: GROUP BY must see the same date_trunc expression as the SELECT.
  const unit = sql.raw(period === 'hour' ? `'hour'` : `'day'`);
  await db.execute(sql`
    with bounds as (
      select coalesce(
               (select max(starts_at) from monitor_rollups where period = ${unit}),
               date_trunc(${unit}, (select min(checked_at) from monitor_results), 'UTC')
             ) as start,
             date_trunc(${unit}, now(), 'UTC') as stop
    )
    insert into monitor_rollups (monitor_id, period, starts_at, checks, failures, latency_p50, latency_p95, latency_p99)
    select r.monitor_id, ${unit}, date_trunc(${unit}, r.checked_at, 'UTC'), count(*)::int, (count(*) filter (where not r.ok))::int,
           percentile_disc(0.5) within group (order by r.latency_ms),
           percentile_disc(0.95) within group (order by r.latency_ms),
           percentile_disc(0.99) within group (order by r.latency_ms)
    from monitor_results r, bounds b
    where b.start is not null and r.checked_at >= b.start and r.checked_at < b.stop
    group by r.monitor_id, date_trunc(${unit}, r.checked_at, 'UTC')
    on conflict (monitor_id, period, starts_at) do update
      set checks = excluded.checks, failures = excluded.failures, latency_p50 = excluded.latency_p50,
          latency_p95 = excluded.latency_p95, latency_p99 = excluded.latency_p99`);
}

/** One pass: roll up finished hours and days, then drop raw results past retention that are rolled up. */
export async function rollUpResults(db: Db, options: { keepDays: number }): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [lock] = rowsOf<{ got: boolean }>(await tx.execute(sql`select pg_try_advisory_xact_lock(${ROLLUP_LOCK}) as got`));
    if (!lock?.got) return false;
    await rollUp(tx, 'hour');
    await rollUp(tx, 'day');
    await tx.execute(sql`
      delete from monitor_results
      where checked_at < now() - ${options.keepDays} * interval '1 day'
        and checked_at < date_trunc('day', now(), 'UTC')`);
    return true;
  });
}

export function startRollups(db: Db, options: { keepDays: number; log?: (message: string, error?: unknown) => void }) {
  let running: Promise<unknown> = Promise.resolve();
  const tick = () => {
    running = rollUpResults(db, options).catch((error: unknown) => options.log?.('monitors: roll-up failed', error));
  };
  const timer = setInterval(tick, EVERY_MS);
  timer.unref();
  tick();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
