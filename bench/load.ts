// `npx tsx bench/load.ts [--soak-minutes 10] [--viewers 300] [--subscribers 20000] [--seconds 15] [--dispatcher in-process|worker] [--no-build]`
// (It builds and copies the build under /tmp/shirase-build.lock itself, then runs from the copy.)
// Under load: one Shirase (production build, in-process dispatcher, fresh PostgreSQL database on
// 127.0.0.1:5432, fakes in their own process) with N open SSE viewers of `/` and autocannon on
// /api/v2/summary.json, while an operator posts an incident to 20,000 subscribers (half email,
// half LINE). Prints: the post's latency, the time until every viewer got the event and until
// the pre-rendered `/` shows it, the summary's p99 under that load against its idle p99, the
// fan-out time, and the server's RSS at the start and end of a soak. Not a test.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { sql } from 'drizzle-orm';
import { openDatabase } from '../db/client';
import { migrateDatabase } from '../db/migrate';
import { seedDemoIfEmpty } from '../db/seed';
import { resolvePage } from '../lib/pages/context';
import { createApiKey } from '../lib/services/api-keys/create';
import { systemActor } from '../lib/services/context';
import { unsettledDeliveries } from '../lib/notify/fan-out';
import { createFreshDatabase, privateBuildFolder, startWebServer, startWorker } from '../test/hardening/processes';
import { openSse, type SseClient } from '../test/hardening/sse-client';

const { values: args } = parseArgs({
  options: {
    'soak-minutes': { type: 'string', default: '10' },
    viewers: { type: 'string', default: '300' },
    subscribers: { type: 'string', default: '20000' },
    seconds: { type: 'string', default: '15' },
    'no-build': { type: 'boolean', default: false },
    /** in-process: the web process sends (the default set-up); worker: DISPATCHER=off plus one `npm run worker`. */
    dispatcher: { type: 'string', default: 'in-process' },
  },
});
const VIEWERS = Number(args.viewers);
const SUBSCRIBERS = Number(args.subscribers);
const SECONDS = Number(args.seconds);
const SOAK_MS = Number(args['soak-minutes']) * 60_000;
const figures: [string, string, string][] = [];
const note = (name: string, value: string, goal = '') => {
  figures.push([name, value, goal]);
  console.log(`${name}: ${value}${goal ? `  (goal ${goal})` : ''}`);
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const rows = <T>(result: unknown) => ((result as { rows?: T[] }).rows ?? result) as T[];
const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

// The server runs from a private copy of the build, so others may rebuild during the soak.
const buildFolder = privateBuildFolder({ build: !args['no-build'] });
process.on('exit', () => fs.rmSync(buildFolder, { recursive: true, force: true }));

// The fakes run in their own process so this one only measures.
const fakes = spawn(
  process.execPath,
  ['--import', 'tsx', 'e2e/fakes/run.ts', '--smtp', '0', '--line', '0', '--chatwork', '0', '--json'],
  { stdio: ['ignore', 'pipe', 'inherit'] },
);
const fakeEnv = await new Promise<Record<string, string>>((resolve) => {
  let out = '';
  fakes.stdout!.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    const line = out.split('\n').find((l) => l.startsWith('{'));
    if (line) resolve((JSON.parse(line) as { env: Record<string, string> }).env);
  });
});

// Interrupted or failed: take the fakes and the server down too.
const cleanups: (() => void)[] = [() => fakes.kill()];
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(1));
process.on('exit', () => cleanups.forEach((cleanup) => cleanup()));

const database = await createFreshDatabase();
const handle = await openDatabase({ driver: 'postgres', url: database.url, max: 4 });
await migrateDatabase(handle);
await seedDemoIfEmpty(handle.db);
const page = await resolvePage(handle.db);
const half = Math.floor(SUBSCRIBERS / 2);
await handle.db.execute(sql`insert into subscribers (page_id, channel, address, confirmed_at)
  select ${page.id}, 'email', 'viewer-' || i || '@example.test', now() from generate_series(1, ${half}) i`);
await handle.db.execute(sql`insert into subscribers (page_id, channel, address, confirmed_at)
  select ${page.id}, 'line', 'U' || md5('load-' || i), now() from generate_series(1, ${SUBSCRIBERS - half}) i`);
const { key } = await createApiKey({ ctx: { db: handle.db, actor: systemActor('bench') }, input: { name: 'bench-load' } });

const serverEnv = {
  DATABASE_URL: database.url,
  ...fakeEnv,
  LINE_CHANNEL_SECRET: 'bench-line-secret',
  ADMIN_EMAIL: 'admin@example.com',
  ADMIN_PASSWORD: 'bench-admin-password',
};
const separateWorker = args.dispatcher === 'worker';
const server = await startWebServer({ ...serverEnv, DISPATCHER: separateWorker ? 'off' : 'in-process' }, buildFolder);
cleanups.push(() => server.child.kill('SIGKILL'));
const worker = separateWorker ? await startWorker(serverEnv) : null;
if (worker) cleanups.push(() => worker.child.kill('SIGKILL'));
const base = server.url;
for (let i = 0; i < 300 && !(await fetch(`${base}/`)).headers.get('etag'); i++) await sleep(200);
const rssStart = rssMb(server.pid);

const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
const viewers: SseClient[] = [];
// The stream the public page opens (app/(public)/page.tsx): public changes, not delivery progress.
for (let i = 0; i < VIEWERS; i++) viewers.push(await openSse(`${base}/api/stream?types=component,incident,maintenance`, agent));
note('SSE viewers connected', String(viewers.length));

const summary = (seconds: number, connections = 50) =>
  autocannon({ url: `${base}/api/v2/summary.json`, connections, duration: seconds, headers: { 'accept-encoding': 'br, gzip' } });
const idle = await summary(SECONDS);
note(
  'summary.json idle',
  `${Math.round(idle.requests.average)} req/s, p99 ${idle.latency.p99} ms, errors ${idle.errors + idle.non2xx}`,
);

// Load: autocannon runs in 5 s slices from 2 s before the post until the fan-out has finished.
const components = rows<{ id: string }>(
  await handle.db.execute(sql`select id from components where page_id = ${page.id} and deleted_at is null limit 2`),
);
const title = `負荷試験 ${new Date().toISOString()}`;
let fanoutDone = false;
const slices: Awaited<ReturnType<typeof summary>>[] = [];
const loaded = (async () => {
  do slices.push(await summary(5));
  while (!fanoutDone);
})();
await sleep(2_000);
const posted = performance.now();
const response = await fetch(`${base}/api/v1/pages/${page.id}/incidents`, {
  method: 'POST',
  headers: { authorization: `OAuth ${key}`, 'content-type': 'application/json' },
  body: JSON.stringify({
    incident: {
      name: title,
      status: 'investigating',
      body: '調査しています。',
      components: Object.fromEntries(components.map((c) => [c.id, 'major_outage'])),
    },
  }),
});
const postMs = performance.now() - posted;
const incidentId = ((await response.json()) as { id: string }).id;
note('post latency (HTTP 201 to the operator)', `${Math.round(postMs)} ms (status ${response.status})`, '< 1000 ms');
const arrivals = await Promise.all(viewers.map((v) => v.next('incident', posted, 30_000).catch(() => Number.POSITIVE_INFINITY)));
const sorted = arrivals.map((t) => t - posted).sort((a, b) => a - b);
note(
  'every viewer got the event',
  `max ${Math.round(sorted[sorted.length - 1])} ms, median ${Math.round(sorted[Math.floor(sorted.length / 2)])} ms, missed ${sorted.filter((t) => !Number.isFinite(t)).length}`,
  '< 2000 ms',
);
let pageAt = Number.POSITIVE_INFINITY;
while (performance.now() - posted < 120_000) {
  if ((await (await fetch(`${base}/`)).text()).includes(title)) {
    pageAt = performance.now() - posted;
    break;
  }
  await sleep(100);
}
note('pre-rendered / shows it', Number.isFinite(pageAt) ? `${Math.round(pageAt)} ms` : 'not within 120 s', '< 2000 ms');
const message = rows<{ id: string }>(
  await handle.db.execute(sql`select id from notification_messages where incident_id = ${incidentId}`),
)[0];
for (let last = -1, since = performance.now(); ;) {
  // Null while the dispatcher is still fanning the message out into deliveries.
  const pending = { n: (await unsettledDeliveries(handle.db, message.id)) ?? Number.POSITIVE_INFINITY };
  if (pending.n === 0) break;
  if (pending.n !== last) [last, since] = [pending.n, performance.now()];
  if (performance.now() - since > 60_000) {
    const byState = rows(
      await handle.db.execute(
        sql`select channel, status, count(*)::int as n, min(next_attempt_at) as next, max(claimed_until) as claimed from deliveries where message_id = ${message.id} group by 1, 2`,
      ),
    );
    throw new Error(
      `fan-out stuck at ${pending.n} queued: ${JSON.stringify(byState)}; server log:\n${server.logs().slice(-3000)}`,
    );
  }
  await sleep(500);
}
fanoutDone = true;
const fanoutSeconds = (performance.now() - posted) / 1000;
const [counts] = rows<{ sent: number; dead: number }>(
  await handle.db.execute(
    sql`select count(*) filter (where status = 'sent')::int as sent, count(*) filter (where status = 'dead')::int as dead from deliveries where message_id = ${message.id}`,
  ),
);
note(`fan-out to ${SUBSCRIBERS} subscribers`, `${fanoutSeconds.toFixed(1)} s, sent ${counts.sent}, dead ${counts.dead}`);
await loaded;
const loadedP99 = Math.max(...slices.map((r) => r.latency.p99));
const loadedRps = slices.reduce((sum, r) => sum + r.requests.average, 0) / slices.length;
const medianP99 = slices.map((r) => r.latency.p99).sort((x, y) => x - y)[Math.floor(slices.length / 2)];
console.log(`  p99 per 5 s slice (ms): ${slices.map((r) => r.latency.p99).join(' ')}`);
note(
  `summary.json during the fan-out (${slices.length} × 5 s)`,
  `${Math.round(loadedRps)} req/s, p99 worst slice ${loadedP99} ms, median slice ${medianP99} ms, errors ${slices.reduce((n, r) => n + r.errors + r.non2xx, 0)}`,
);
note('p99 during the fan-out / idle p99', (loadedP99 / Math.max(1, idle.latency.p99)).toFixed(2), '≤ 2');

// Soak: viewers stay, light traffic on the page and the summary, an update (no notices) every minute.
const rssSoakStart = rssMb(server.pid);
note('server RSS at soak start', `${rssSoakStart.toFixed(0)} MB (after start-up: ${rssStart.toFixed(0)} MB)`);
const soakEnd = Date.now() + SOAK_MS;
let updates = 0;
while (Date.now() < soakEnd) {
  const slice = Math.min(60_000, soakEnd - Date.now());
  const traffic = Promise.all([
    summary(Math.max(1, Math.round(slice / 1000) - 1), 10),
    autocannon({
      url: `${base}/`,
      connections: 10,
      duration: Math.max(1, Math.round(slice / 1000) - 1),
      headers: { 'accept-encoding': 'br' },
    }),
  ]);
  await fetch(`${base}/api/v1/pages/${page.id}/incidents/${incidentId}`, {
    method: 'PATCH',
    headers: { authorization: `OAuth ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      incident: { status: updates % 2 ? 'identified' : 'monitoring', body: `経過 ${updates}`, deliver_notifications: false },
    }),
  });
  updates++;
  await traffic;
  console.log(
    `  soak ${Math.round((SOAK_MS - (soakEnd - Date.now())) / 1000)} s: RSS ${rssMb(server.pid).toFixed(0)} MB, ${viewers.length} viewers`,
  );
}
note(`server RSS at soak end (${args['soak-minutes']} min, ${updates} updates)`, `${rssMb(server.pid).toFixed(0)} MB`, 'flat');

console.log(
  `\nbench/load.ts — ${VIEWERS} SSE viewers, ${SUBSCRIBERS} subscribers, autocannon 50 connections × ${SECONDS} s, dispatcher ${args.dispatcher}`,
);
console.table(figures.map(([figure, value, goal]) => ({ figure, value, goal })));
for (const v of viewers) v.close();
await worker?.stop();
await server.stop();
fakes.kill();
await handle.close();
await database.drop();
process.exit(0);
