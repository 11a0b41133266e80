// `npx tsx bench/blast.ts [--driver pglite|postgres|both] [--dispatcher in-process|worker] [--subscribers 10000] [--clicks 10000] [--seconds 60] [--no-build]`
// The notice blast of issue 21. One Shirase (production build, in-process dispatcher, the demo
// plus N email subscribers, the fake SMTP server in its own process) per database. First an
// incident is posted with nobody clicking, and its fan-out timed; then a second one, and while it
// fans out its `/incidents/{id}` is opened M times within the given seconds, ramping up, over
// many connections, as recipients would. Then updates to it are timed until the page shows them.
// Prints the page's p99 and errors, and both fan-out times. `--dispatcher worker` (PostgreSQL
// only) sends from one `npm run worker` instead of the web process, as README's scale-out does.
// Not a test.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { sql } from 'drizzle-orm';
import { openDatabase } from '../db/client';
import { migrateDatabase } from '../db/migrate';
import { seedDemoIfEmpty } from '../db/seed';
import { fakesControl, type FakesControl } from '../e2e/fakes/control-client';
import { resolvePage } from '../lib/pages/context';
import { createApiKey } from '../lib/services/api-keys/create';
import { systemActor } from '../lib/services/context';
import { createFreshDatabase, privateBuildFolder, startWebServer, startWorker } from '../test/hardening/processes';

const { values: args } = parseArgs({
  options: {
    driver: { type: 'string', default: 'both' },
    dispatcher: { type: 'string', default: 'in-process' },
    subscribers: { type: 'string', default: '10000' },
    clicks: { type: 'string', default: '10000' },
    seconds: { type: 'string', default: '60' },
    'no-build': { type: 'boolean', default: false },
  },
});
const SUBSCRIBERS = Number(args.subscribers);
const CLICKS = Number(args.clicks);
const SECONDS = Number(args.seconds);
/** The ramp: six equal slices, each busier than the last (1:2:4:6:8:9 of the clicks). */
const RAMP = [1, 2, 4, 6, 8, 9];
const CONNECTIONS = 200;
const BROWSER = { accept: 'text/html,application/xhtml+xml', 'accept-encoding': 'br, gzip', 'accept-language': 'ja,en;q=0.8' };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const began = performance.now();
const stamp = (what: string) => console.error(`[${((performance.now() - began) / 1000).toFixed(0)} s] ${what}`);
const quantile = (values: number[], q: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.max(0, Math.ceil(q * values.length) - 1))];

const buildFolder = privateBuildFolder({ build: !args['no-build'] });
const cleanups: (() => void)[] = [() => fs.rmSync(buildFolder, { recursive: true, force: true })];
process.on('exit', () => cleanups.forEach((cleanup) => cleanup()));
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(1));

async function startFakes(): Promise<{ env: Record<string, string>; control: FakesControl }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'e2e/fakes/run.ts', '--smtp', '0', '--control', '0', '--json'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  cleanups.push(() => child.kill());
  const first = await createInterface({ input: child.stdout! })[Symbol.asyncIterator]().next();
  const started = JSON.parse(first.value as string) as { env: Record<string, string>; control: string };
  return { env: started.env, control: fakesControl(started.control) };
}

/** A seeded database with N confirmed email subscribers and an API key; PGlite is closed again for the server. */
async function prepare(driver: 'pglite' | 'postgres') {
  const fresh = driver === 'postgres' ? await createFreshDatabase(undefined, 'shirase_blast') : null;
  const dir = driver === 'pglite' ? fs.mkdtempSync(path.join(os.tmpdir(), 'shirase-blast-')) : null;
  const handle = fresh
    ? await openDatabase({ driver: 'postgres', url: fresh.url, max: 2 })
    : await openDatabase({ driver: 'pglite', dir: dir! });
  await migrateDatabase(handle);
  await seedDemoIfEmpty(handle.db);
  const page = await resolvePage(handle.db);
  await handle.db.execute(sql`insert into subscribers (page_id, channel, address, confirmed_at)
    select ${page.id}, 'email', 'reader-' || i || '@example.test', now() from generate_series(1, ${SUBSCRIBERS}) i`);
  const { key } = await createApiKey({ ctx: { db: handle.db, actor: systemActor('bench') }, input: { name: 'bench-blast' } });
  await handle.close();
  return {
    pageId: page.id,
    key,
    env: (fresh ? { DATABASE_URL: fresh.url } : { DATABASE_URL: '', PGLITE_DIR: dir! }) as Record<string, string>,
    dispose: async () => (fresh ? fresh.drop() : fs.rmSync(dir!, { recursive: true, force: true })),
  };
}

/** Opens the page `clicks` times over `seconds`, ramping, and records every answer's time and status. */
async function clickThrough(url: string): Promise<{ latencies: number[]; errors: number }> {
  const latencies: number[] = [];
  let errors = 0;
  const slice = SECONDS / RAMP.length;
  const weight = RAMP.reduce((a, b) => a + b, 0);
  for (const step of RAMP) {
    const amount = Math.round((CLICKS * step) / weight);
    const instance = autocannon({
      url,
      connections: Math.min(CONNECTIONS, amount),
      amount,
      overallRate: Math.ceil(amount / slice),
      headers: BROWSER,
      timeout: 10,
    });
    instance.on('response', (_client, status, _bytes, ms) => {
      latencies.push(ms);
      if (status >= 400) errors++;
    });
    const result = await instance;
    errors += result.errors + result.timeouts;
  }
  return { latencies, errors };
}

async function run(driver: 'pglite' | 'postgres', fakes: Awaited<ReturnType<typeof startFakes>>) {
  const db = await prepare(driver);
  const env = {
    ...db.env,
    ...fakes.env,
    SEED_DEMO: 'false',
    CHECKER: 'off',
    ADMIN_EMAIL: 'admin@example.com',
    ADMIN_PASSWORD: 'bench-admin-password',
  };
  const separateWorker = args.dispatcher === 'worker' && driver === 'postgres';
  const server = await startWebServer({ ...env, DISPATCHER: separateWorker ? 'off' : 'in-process' }, buildFolder);
  cleanups.push(() => server.child.kill('SIGKILL'));
  const worker = separateWorker ? await startWorker(env) : null;
  if (worker) cleanups.push(() => worker.child.kill('SIGKILL'));
  const api = (method: string, suffix: string, body: unknown) =>
    fetch(`${server.url}/api/v1/pages/${db.pageId}/incidents${suffix}`, {
      method,
      headers: { authorization: `OAuth ${db.key}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const accepted = async () => ((await fakes.control.state()) as { smtp: { stats: { accepted: number } } }).smtp.stats.accepted;

  /** Posts an incident to every subscriber; resolves with its id and a promise of the fan-out's seconds. */
  const post = async (name: string) => {
    const before = await accepted();
    const started = performance.now();
    const response = await api('POST', '', {
      incident: { name, status: 'investigating', body: '調査しています。', deliver_notifications: true },
    });
    const { id } = (await response.json()) as { id: string };
    const done = (async () => {
      while ((await accepted()) - before < SUBSCRIBERS) await sleep(200);
      return (performance.now() - started) / 1000;
    })();
    return { id, status: response.status, fanOut: done };
  };

  stamp(`${driver}: serving; posting to ${SUBSCRIBERS} subscribers, nobody clicking`);
  const quiet = await post(`通知のみ ${Date.now()}`);
  const quietSeconds = await quiet.fanOut;
  stamp(`${driver}: fan-out alone ${quietSeconds.toFixed(1)} s; posting again, with ${CLICKS} opens`);
  const blast = await post(`一斉通知 ${Date.now()}`);
  const clicks = clickThrough(`${server.url}/incidents/${blast.id}`);
  const blastSeconds = await blast.fanOut;
  stamp(`${driver}: fan-out with opens ${blastSeconds.toFixed(1)} s`);
  const { latencies, errors } = await clicks;

  // An update on the incident, until its held page shows it.
  const visible: number[] = [];
  for (let i = 0; i < 20; i++) {
    const text = `経過報告 ${i} ${Date.now()}`;
    const sent = performance.now();
    await api('PATCH', `/${blast.id}`, { incident: { status: 'identified', body: text, deliver_notifications: false } });
    while (!(await (await fetch(`${server.url}/incidents/${blast.id}`, { headers: BROWSER })).text()).includes(text))
      await sleep(10);
    visible.push(performance.now() - sent);
  }
  await worker?.stop();
  await server.stop();
  await db.dispose();
  return { driver: separateWorker ? `${driver} + worker` : driver, quietSeconds, blastSeconds, latencies, errors, visible };
}

const fakes = await startFakes();
const drivers = args.driver === 'both' ? (['pglite', 'postgres'] as const) : [args.driver as 'pglite' | 'postgres'];
const results = [];
for (const driver of drivers) results.push(await run(driver, fakes));

console.log(
  `\nbench/blast.ts: ${SUBSCRIBERS} email subscribers, ${CLICKS} opens of /incidents/{id} over ${SECONDS} s (ramp ${RAMP.join(':')}, up to ${CONNECTIONS} connections), ${os.cpus().length} CPUs`,
);
console.log(
  '| database | page p50 ms | page p99 ms | errors | opens | fan-out alone s | fan-out with opens s | ratio | update visible p99 ms |',
);
console.log('|---|---|---|---|---|---|---|---|---|');
for (const r of results) {
  console.log(
    `| ${r.driver} | ${quantile(r.latencies, 0.5).toFixed(0)} | ${quantile(r.latencies, 0.99).toFixed(0)} | ${r.errors} | ${r.latencies.length} | ${r.quietSeconds.toFixed(1)} | ${r.blastSeconds.toFixed(1)} | ${(r.blastSeconds / r.quietSeconds).toFixed(2)} | ${quantile(r.visible, 0.99).toFixed(0)} |`,
  );
}
console.log('goals: page p99 < 200 ms, zero errors, fan-out with opens ≤ 1.2 × alone, update visible < 1000 ms p99');
process.exit(0);
