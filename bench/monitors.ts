// Monitor benchmark: 1,000 HTTP monitors at 30 s and 5,000 at 60 s against a local target, with
// one checker process and with two sharing the schedule; prints scheduling lag (actual minus
// planned start) p50/p99, checks per second, checker CPU and RSS, database writes per second.
// Then detection: a target that stops, seen as down within interval × retries + 5 s.
// Run: DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/monitors.ts [--quick] [--only=5000] [--checkers=1]
import { spawn } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq, sql } from 'drizzle-orm';
import { openDatabase, rowsOf, type DatabaseHandle } from '../db/client';
import { migrateDatabase } from '../db/migrate';
import { components, monitors, monitorSchedules } from '../db/schema';
import { Checker } from '../lib/workers/monitor-checker';
import { createComponent, createPage } from '../test/factories';

const base = process.env.DATABASE_URL;
if (!base) throw new Error('bench/monitors.ts needs DATABASE_URL (several checker processes share PostgreSQL)');
const quick = process.argv.includes('--quick');
const option = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const only = option('only') ? Number(option('only')) : null;
const checkerCounts = option('checkers') ? [Number(option('checkers'))] : [1, 2];
// A stalled disk, simulated in the database: every statement writing results waits this long.
const slowWritesMs = Number(option('slow-writes') ?? 0);

const target = http.createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'text/plain', connection: 'close' });
  res.end('ok');
});
await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
const targetUrl = `http://127.0.0.1:${(target.address() as AddressInfo).port}/health`;

const pct = (xs: number[], p: number) =>
  xs.length ? [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] : NaN;

async function freshDatabase(): Promise<{ handle: DatabaseHandle; url: string }> {
  const { default: postgres } = await import('postgres');
  const name = `shirase_bench_monitors_${Date.now().toString(36)}`;
  const admin = postgres(base!, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = base!.replace(/\/[^/]*$/, `/${name}`);
  const handle = await openDatabase({ driver: 'postgres', url, max: 4 });
  await migrateDatabase(handle);
  return { handle, url };
}

async function writes(handle: DatabaseHandle): Promise<number> {
  const [row] = rowsOf<{ n: string }>(
    await handle.db.execute(
      sql`select coalesce(sum(n_tup_ins + n_tup_upd + n_tup_del), 0)::bigint as n from pg_stat_user_tables`,
    ),
  );
  return Number(row.n);
}

type CheckerReport = { checks: number; lags: number[]; cpuPercent: number; rssMb: number };

function runCheckerProcess(url: string, warmupMs: number, durationMs: number, onReady: () => void): Promise<CheckerReport> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'bench/monitors-checker.ts'], {
      env: { ...process.env, BENCH_DATABASE_URL: url, WARMUP_MS: String(warmupMs), DURATION_MS: String(durationMs) },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      if (out.startsWith('ready\n') && !out.includes('"checks"')) onReady();
    });
    child.on('exit', (code) =>
      code === 0 ? resolve(JSON.parse(out.trim().split('\n').pop()!)) : reject(new Error(`checker exited ${code}`)),
    );
  });
}

async function scenario(count: number, intervalSeconds: number, checkers: number) {
  const { handle, url } = await freshDatabase();
  const page = await createPage(handle.db);
  const rows = Array.from({ length: count }, (_, i) => ({
    pageId: page.id,
    name: `m${i}`,
    type: 'http' as const,
    target: targetUrl,
    intervalSeconds,
    timeoutMs: 5_000,
    state: 'up' as const,
  }));
  for (let i = 0; i < rows.length; i += 1_000) await handle.db.insert(monitors).values(rows.slice(i, i + 1_000));
  if (slowWritesMs > 0) {
    await handle.db.execute(
      sql.raw(
        `create function bench_stall() returns trigger language plpgsql as $$ begin perform pg_sleep(${slowWritesMs / 1000}); return null; end $$`,
      ),
    );
    await handle.db.execute(
      sql`create trigger bench_stall after insert on monitor_results for each statement execute function bench_stall()`,
    );
  }
  const warmupMs = 5_000;
  const durationMs = (quick ? 0.5 : 1.5) * intervalSeconds * 1000;
  const before = await writes(handle);
  const started = Date.now();
  let ready = 0;
  let allReady: () => void = () => {};
  const readyAll = new Promise<void>((resolve) => (allReady = resolve));
  const running = Promise.all(
    Array.from({ length: checkers }, () =>
      runCheckerProcess(url, warmupMs, durationMs, () => ++ready === checkers && allReady()),
    ),
  );
  await readyAll;
  // The steady state once every checker is up: each monitor scheduled, spread over one interval.
  await handle.db.execute(sql`insert into monitor_schedules (monitor_id, region, next_check_at)
    select id, 'bench', now() + interval '1 second' + random() * interval_seconds * interval '1 second' from monitors
    on conflict (monitor_id, region) do update set next_check_at = excluded.next_check_at`);
  const reports = await running;
  const seconds = (Date.now() - started) / 1000;
  const written = (await writes(handle)) - before;
  const lags = reports.flatMap((r) => r.lags);
  const checks = reports.reduce((n, r) => n + r.checks, 0);
  console.log(
    `${String(count).padStart(5)} monitors @ ${intervalSeconds} s, ${checkers} checker${checkers > 1 ? 's' : ' '}: ` +
      `lag p50 ${pct(lags, 50)} ms, p99 ${pct(lags, 99)} ms, max ${pct(lags, 100)} ms; ` +
      `${(checks / (durationMs / 1000)).toFixed(1)} checks/s (expected ${(count / intervalSeconds).toFixed(1)}); ` +
      `CPU ${reports.map((r) => `${r.cpuPercent.toFixed(0)} %`).join(' + ')} of a core; RSS ${reports.map((r) => `${r.rssMb.toFixed(0)} MB`).join(' + ')}; ` +
      `DB ${(written / seconds).toFixed(0)} row writes/s${slowWritesMs ? ` (each result write stalled ${slowWritesMs} ms)` : ''}`,
  );
  await handle.close();
}

async function detection() {
  const { handle } = await freshDatabase();
  const page = await createPage(handle.db);
  const component = await createComponent(handle.db, page.id, { name: 'API' });
  let healthy = true;
  const flaky = http.createServer((_req, res) => {
    res.writeHead(healthy ? 200 : 503, { connection: 'close' });
    res.end();
  });
  await new Promise<void>((resolve) => flaky.listen(0, '127.0.0.1', resolve));
  const intervalSeconds = 10;
  const retries = 2;
  const [monitor] = await handle.db
    .insert(monitors)
    .values({
      pageId: page.id,
      componentId: component.id,
      name: 'api',
      type: 'http',
      target: `http://127.0.0.1:${(flaky.address() as AddressInfo).port}/`,
      intervalSeconds,
      timeoutMs: 2_000,
      retries,
      state: 'up',
    })
    .returning();
  await handle.db.insert(monitorSchedules).values({ monitorId: monitor.id, region: 'bench', nextCheckAt: new Date() });
  const checker = new Checker({ db: handle.db, region: 'bench', checkerId: 'bench:detect', concurrency: 10, allowPrivate: true });
  checker.start();
  await new Promise((resolve) => setTimeout(resolve, 3_000 + Math.random() * intervalSeconds * 1000));
  healthy = false;
  const stoppedAt = Date.now();
  let seenDown = 0;
  while (!seenDown) {
    const [c] = await handle.db.select({ status: components.status }).from(components).where(eq(components.id, component.id));
    if (c.status === 'major_outage') seenDown = Date.now();
    else await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const [m] = await handle.db.select().from(monitors).where(eq(monitors.id, monitor.id));
  console.log(
    `detection: target stopped → component major_outage after ${((seenDown - stoppedAt) / 1000).toFixed(1)} s ` +
      `(bound interval × retries + 5 s = ${intervalSeconds * retries + 5} s); incident detected_at = first failing check, ` +
      `${((m.stateSince.getTime() - stoppedAt) / 1000).toFixed(1)} s after the stop`,
  );
  await checker.stop();
  flaky.close();
  await handle.close();
}

console.log(
  `CPU: ${(await import('node:os')).cpus().length} cores; target ${targetUrl}${quick ? ' (quick: half an interval measured)' : ''}`,
);
for (const [count, interval] of [
  [1_000, 30],
  [5_000, 60],
] as const) {
  if (only !== null && count !== only) continue;
  for (const checkers of checkerCounts) await scenario(count, interval, checkers);
}
if (only === null) await detection();
target.close();
process.exit(0);
