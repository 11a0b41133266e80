import { sql } from 'drizzle-orm';
import { rowsOf, type Db, type DbOrTx } from '../../db/client';
import type { MonitorSettings, MonitorState, MonitorType } from './kinds';
import type { CheckResult, CheckTarget } from './checks/types';

// The shared schedule in SQL: claiming due rows for one checker (a lease, FOR UPDATE SKIP
// LOCKED, as the dispatcher claims deliveries) and recording results, fenced by the lease
// holder and the lease itself, so a checker whose lease ran out cannot record over the one
// that took its rows.

export interface ClaimedCheck extends CheckTarget {
  plannedAt: Date;
  /** The lease as claimed: recording is fenced on it, so only the holder can record. */
  leaseUntil: string;
  retries: number;
  state: MonitorState;
}

export interface FinishedCheck {
  claim: ClaimedCheck;
  startedAt: Date;
  result: CheckResult;
}

/** Adds this region's schedule rows for monitors that have none yet, spread over one interval. */
export async function syncRegionSchedules(db: Db, region: string): Promise<void> {
  await db.execute(sql`
    insert into monitor_schedules (monitor_id, region, next_check_at)
    select m.id, ${region}, now() + random() * m.interval_seconds * interval '1 second'
    from monitors m
    where not exists (select 1 from monitor_schedules s where s.monitor_id = m.id and s.region = ${region})
    on conflict do nothing`);
}

type ClaimRow = {
  monitor_id: string;
  next_check_at: string | Date;
  lease_until: string;
  type: MonitorType;
  target: string;
  settings: MonitorSettings;
  interval_seconds: number;
  timeout_ms: number;
  retries: number;
  state: MonitorState;
  last_push_at: string | Date | null;
  created_at: string | Date;
};

/** A new monitor is due at once in every region that already runs checks. */
export async function scheduleInKnownRegions(tx: DbOrTx, monitorId: string): Promise<void> {
  await tx.execute(sql`
    insert into monitor_schedules (monitor_id, region, next_check_at)
    select ${monitorId}::uuid, r.region, now() from (select distinct region from monitor_schedules) r
    on conflict do nothing`);
}

/** Due rows (or due within `horizonMs`), leased until their check can have finished. */
export async function claimDueChecks(
  db: Db,
  options: { region: string; checkerId: string; limit: number; now: Date; horizonMs: number; leaseMarginMs: number },
): Promise<ClaimedCheck[]> {
  const now = options.now.toISOString();
  const horizon = new Date(options.now.getTime() + options.horizonMs).toISOString();
  const result = await db.execute(sql`
    with due as (
      select s.monitor_id from monitor_schedules s join monitors m on m.id = s.monitor_id
      where s.region = ${options.region} and m.enabled and s.next_check_at <= ${horizon}::timestamptz
        and (s.lease_until is null or s.lease_until <= ${now}::timestamptz)
      order by s.next_check_at
      limit ${options.limit}
      for update of s skip locked
    )
    update monitor_schedules s
    set lease_until = greatest(s.next_check_at, ${now}::timestamptz) + (m.timeout_ms + ${options.leaseMarginMs}) * interval '1 millisecond',
        leased_by = ${options.checkerId}
    from due, monitors m
    where s.monitor_id = due.monitor_id and s.region = ${options.region} and m.id = s.monitor_id
    returning s.monitor_id, s.next_check_at, s.lease_until::text as lease_until, m.type, m.target, m.settings, m.interval_seconds, m.timeout_ms, m.retries, m.state,
      m.last_push_at, m.created_at`);
  return rowsOf<ClaimRow>(result).map((r) => ({
    id: r.monitor_id,
    plannedAt: new Date(r.next_check_at),
    leaseUntil: r.lease_until,
    type: r.type,
    target: r.target,
    settings: r.settings ?? {},
    intervalSeconds: r.interval_seconds,
    timeoutMs: r.timeout_ms,
    retries: r.retries,
    state: r.state,
    lastPushAt: r.last_push_at ? new Date(r.last_push_at) : null,
    createdAt: new Date(r.created_at),
  }));
}

/** Next planned time: one interval after the last plan, or from now when more than one was missed. */
export function nextPlannedAt(plannedAt: Date, intervalSeconds: number, now: Date): Date {
  const next = plannedAt.getTime() + intervalSeconds * 1000;
  return new Date(next > now.getTime() - intervalSeconds * 1000 ? next : now.getTime());
}

export type RecordedCheck = { monitorId: string; consecutiveFailures: number };

/** Records a batch of finished checks in one statement; returns those whose lease still held. */
export async function recordChecks(
  db: Db,
  options: { region: string; checkerId: string; finished: FinishedCheck[]; now: Date },
): Promise<RecordedCheck[]> {
  if (options.finished.length === 0) return [];
  const values = sql.join(
    options.finished.map(
      ({ claim, startedAt, result }) =>
        sql`(${claim.id}::uuid, ${claim.leaseUntil}::timestamptz, ${startedAt.toISOString()}::timestamptz, ${result.ok}::boolean,
          ${result.latencyMs}::int, ${result.statusCode ?? null}::int, ${result.error ?? null}::text, ${result.warning ?? null}::text,
          ${result.failedSince?.toISOString() ?? null}::timestamptz,
          ${nextPlannedAt(claim.plannedAt, claim.intervalSeconds, options.now).toISOString()}::timestamptz)`,
    ),
    sql`, `,
  );
  const result = await db.execute(sql`
    with v (monitor_id, lease_until, checked_at, ok, latency_ms, status_code, error, warning, failed_since, next_check_at) as (values ${values}),
    upd as (
      update monitor_schedules s
      set next_check_at = v.next_check_at, lease_until = null, leased_by = null,
          consecutive_failures = case when v.ok then 0 else s.consecutive_failures + 1 end,
          first_failure_at = case when v.ok then null else coalesce(s.first_failure_at, least(v.failed_since, v.checked_at), v.checked_at) end,
          last_checked_at = v.checked_at, last_ok = v.ok, last_latency_ms = v.latency_ms, last_error = v.error
      from v
      where s.monitor_id = v.monitor_id and s.region = ${options.region} and s.leased_by = ${options.checkerId} and s.lease_until = v.lease_until
      returning s.monitor_id, s.consecutive_failures
    ),
    ins as (
      insert into monitor_results (monitor_id, region, checked_at, ok, latency_ms, status_code, error, warning)
      select v.monitor_id, ${options.region}, v.checked_at, v.ok, v.latency_ms, v.status_code, v.error, v.warning
      from v join upd on upd.monitor_id = v.monitor_id
    )
    select monitor_id, consecutive_failures from upd`);
  return rowsOf<{ monitor_id: string; consecutive_failures: number }>(result).map((r) => ({
    monitorId: r.monitor_id,
    consecutiveFailures: Number(r.consecutive_failures),
  }));
}

/** Gives back leases without a result (a checker stopping before its checks ran). */
export async function releaseClaims(db: Db, options: { region: string; checkerId: string; monitorIds: string[] }): Promise<void> {
  if (options.monitorIds.length === 0) return;
  const ids = sql.join(
    options.monitorIds.map((id) => sql`${id}::uuid`),
    sql`, `,
  );
  await db.execute(sql`
    update monitor_schedules set lease_until = null, leased_by = null
    where region = ${options.region} and leased_by = ${options.checkerId} and monitor_id in (${ids})`);
}
