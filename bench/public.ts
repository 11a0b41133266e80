// `flock /tmp/shirase-build.lock npx tsx bench/public.ts`: the public read path under load.
// Builds Shirase and a minimal Next.js app of the same version, then with autocannon on
// loopback (50 connections) measures `/`, `/api/v2/summary.json`, a bare Node http server
// and the minimal app; then the time from a management-API post to the SSE event and to the
// cached `/` showing it. Prints figures and the ratios the issue judges; not a test.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { eq } from 'drizzle-orm';
import { openDatabase } from '../db/client';
import { migrateDatabase } from '../db/migrate';
import { seedDemoIfEmpty } from '../db/seed';
import { components } from '../db/schema';
import { createApiKey } from '../lib/services/api-keys/create';
import { systemActor } from '../lib/services/context';

const ROOT = path.resolve(import.meta.dirname, '..');
const CONNECTIONS = 50;
const DURATION_S = Number(process.env.BENCH_SECONDS ?? 10);
const ROUNDS = 20;
const HEADERS = { 'accept-encoding': 'br, gzip', 'accept-language': 'ja,en;q=0.8' };
const children: ChildProcess[] = [];
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'shirase-bench-'));

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function run(command: string, args: string[], cwd: string, env: Record<string, string> = {}) {
  const result = spawnSync(command, args, {
    cwd,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', ...env },
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
}

function start(command: string, args: string[], cwd: string, env: Record<string, string>): ChildProcess {
  const child = spawn(command, args, {
    cwd,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  children.push(child);
  return child;
}

async function waitFor(url: string, until: (body: string) => boolean = () => true, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url);
      if (response.ok && until(await response.text())) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url} did not come up`);
}

type Figure = { name: string; rps: number; p99: number; errors: number };

async function load(name: string, url: string): Promise<Figure> {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION_S, headers: HEADERS });
  return { name, rps: result.requests.average, p99: result.latency.p99, errors: result.errors + result.timeouts + result.non2xx };
}

/** A minimal Next.js app of the installed version: one constant route handler, one prerendered page. */
function buildMinimalNext(): string {
  const dir = path.join(ROOT, '.tmp', `bench-next-${process.pid}`);
  fs.mkdirSync(path.join(dir, 'app', 'api', 'constant'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'bench-next', private: true, type: 'module' }));
  fs.writeFileSync(path.join(dir, 'next.config.mjs'), `export default { turbopack: { root: ${JSON.stringify(ROOT)} } };\n`);
  fs.writeFileSync(
    path.join(dir, 'app', 'layout.tsx'),
    'import type { ReactNode } from \'react\';\nexport default function Layout({ children }: { children: ReactNode }) { return <html lang="en"><body>{children}</body></html>; }\n',
  );
  fs.writeFileSync(
    path.join(dir, 'app', 'page.tsx'),
    'export default function Page() { return <main><h1>All systems operational</h1></main>; }\n',
  );
  fs.writeFileSync(
    path.join(dir, 'app', 'api', 'constant', 'route.ts'),
    "export function GET() { return Response.json({ status: { indicator: 'none' } }); }\n",
  );
  fs.writeFileSync(
    path.join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        jsx: 'preserve',
        strict: false,
        module: 'esnext',
        moduleResolution: 'bundler',
        skipLibCheck: true,
        allowJs: true,
        noEmit: true,
        esModuleInterop: true,
        isolatedModules: true,
        lib: ['dom', 'esnext'],
        plugins: [{ name: 'next' }],
      },
      include: ['**/*.ts', '**/*.tsx'],
    }),
  );
  run(process.execPath, [path.join(ROOT, 'node_modules/next/dist/bin/next'), 'build'], dir);
  return dir;
}

/** Management API post → SSE event, and → the cached `/` containing the new incident. */
async function postToEvent(base: string, pageId: string, componentId: string, key: string) {
  const headers = { Authorization: `OAuth ${key}`, 'Content-Type': 'application/json' };
  const toEvent: number[] = [];
  const toPage: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const stream = await fetch(`${base}/api/stream`);
    const reader = stream.body!.getReader();
    await reader.read(); // retry + connected
    const title = `bench ${process.pid}-${i}`;
    const sent = performance.now();
    const post = fetch(`${base}/api/v1/pages/${pageId}/incidents`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        incident: {
          name: title,
          body: 'bench',
          components: { [componentId]: 'degraded_performance' },
          deliver_notifications: false,
        },
      }),
    }).then((r) => r.json() as Promise<{ id: string }>);
    for (let text = ''; !text.includes('event: change');) text += new TextDecoder().decode((await reader.read()).value);
    toEvent.push(performance.now() - sent);
    await reader.cancel();
    while (!(await (await fetch(`${base}/`, { headers: HEADERS })).text()).includes(title))
      await new Promise((r) => setTimeout(r, 10));
    toPage.push(performance.now() - sent);
    const { id } = await post;
    await fetch(`${base}/api/v1/pages/${pageId}/incidents/${id}`, {
      method: 'PATCH',
      headers,
      body: JSON.stringify({ incident: { status: 'resolved', deliver_notifications: false } }),
    });
  }
  const p = (values: number[], q: number) =>
    [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil(q * values.length) - 1)];
  return { eventP50: p(toEvent, 0.5), eventP99: p(toEvent, 0.99), pageP50: p(toPage, 0.5), pageP99: p(toPage, 0.99) };
}

async function main() {
  console.log(`Building Shirase and a minimal Next.js app (same version) … (${os.cpus().length} CPUs)`);
  run(process.execPath, [path.join(ROOT, 'node_modules/next/dist/bin/next'), 'build'], ROOT);
  const minimal = buildMinimalNext();

  // Shirase on its own embedded database, seeded, with one API key made before it starts.
  const dataDir = path.join(work, 'pg');
  const handle = await openDatabase({ driver: 'pglite', dir: dataDir });
  await migrateDatabase(handle);
  await seedDemoIfEmpty(handle.db);
  const { key } = await createApiKey({ ctx: { db: handle.db, actor: systemActor('bench') }, input: { name: 'bench' } });
  const [component] = await handle.db.select().from(components).where(eq(components.alertKey, 'web-forms'));
  await handle.close();

  const [shiraseP, bareP, nextP] = await Promise.all([freePort(), freePort(), freePort()]);
  start(path.join(ROOT, 'node_modules/.bin/tsx'), ['scripts/start.ts'], ROOT, {
    PORT: String(shiraseP),
    HOSTNAME: '127.0.0.1',
    PGLITE_DIR: dataDir,
    DATABASE_URL: '',
    NODE_ENV: 'production',
    SEED_DEMO: 'false',
  });
  start(
    process.execPath,
    [
      '-e',
      `require('http').createServer((q, s) => { s.writeHead(200, { 'content-type': 'text/plain' }); s.end('hello world'); }).listen(${bareP}, '127.0.0.1')`,
    ],
    ROOT,
    {},
  );
  start(
    process.execPath,
    [path.join(ROOT, 'node_modules/next/dist/bin/next'), 'start', '-p', String(nextP), '-H', '127.0.0.1'],
    minimal,
    {
      NODE_ENV: 'production',
    },
  );
  const shirase = `http://127.0.0.1:${shiraseP}`;
  await waitFor(`${shirase}/`, (body) => body.includes('<main'));
  await waitFor(`http://127.0.0.1:${bareP}/`);
  await waitFor(`http://127.0.0.1:${nextP}/api/constant`);
  // The first build of the page bytes runs right after start: wait until `/` is served from them.
  while (!(await fetch(`${shirase}/`)).headers.get('etag')) await new Promise((r) => setTimeout(r, 100));
  const summary = (await (await fetch(`${shirase}/api/v2/summary.json`)).json()) as { page: { id: string } };

  const figures: Figure[] = [];
  for (const [name, url] of [
    ['bare Node http', `http://127.0.0.1:${bareP}/`],
    ['Next constant route', `http://127.0.0.1:${nextP}/api/constant`],
    ['Next static page', `http://127.0.0.1:${nextP}/`],
    ['Shirase /api/v2/summary.json', `${shirase}/api/v2/summary.json`],
    ['Shirase /', `${shirase}/`],
  ] as const) {
    figures.push(await load(name, url));
  }
  const live = await postToEvent(shirase, summary.page.id, component.id, key);

  const byName = new Map(figures.map((f) => [f.name, f]));
  const bare = byName.get('bare Node http')!.rps;
  console.log(`\nautocannon, ${CONNECTIONS} connections, ${DURATION_S} s each, loopback, Accept-Encoding: br, gzip`);
  console.log('target'.padEnd(32), 'req/s'.padStart(10), 'p99 ms'.padStart(8), 'errors'.padStart(8), '× bare'.padStart(8));
  for (const f of figures)
    console.log(
      f.name.padEnd(32),
      f.rps.toFixed(0).padStart(10),
      String(f.p99).padStart(8),
      String(f.errors).padStart(8),
      (f.rps / bare).toFixed(3).padStart(8),
    );
  const summaryFig = byName.get('Shirase /api/v2/summary.json')!;
  const pageFig = byName.get('Shirase /')!;
  const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met');
  console.log('\ngoals');
  console.log(
    `  summary.json ≥ 0.35 × bare Node: ${(summaryFig.rps / bare).toFixed(3)} (${verdict(summaryFig.rps >= 0.35 * bare)})`,
  );
  console.log(`  /            ≥ 0.25 × bare Node: ${(pageFig.rps / bare).toFixed(3)} (${verdict(pageFig.rps >= 0.25 * bare)})`);
  console.log(
    `  vs Next constant route: summary.json ${(summaryFig.rps / byName.get('Next constant route')!.rps).toFixed(1)}×, / ${(pageFig.rps / byName.get('Next static page')!.rps).toFixed(1)}× the static page`,
  );
  console.log(
    `  zero errors: ${verdict(summaryFig.errors === 0 && pageFig.errors === 0)}; p99 < 50 ms: ${verdict(summaryFig.p99 < 50 && pageFig.p99 < 50)}`,
  );
  console.log(
    `  management API post → SSE event (${ROUNDS} posts): p50 ${live.eventP50.toFixed(0)} ms, p99 ${live.eventP99.toFixed(0)} ms (${verdict(live.eventP99 < 1000)} < 1 s)`,
  );
  console.log(
    `  management API post → cached / shows it:         p50 ${live.pageP50.toFixed(0)} ms, p99 ${live.pageP99.toFixed(0)} ms (${verdict(live.pageP99 < 1000)} < 1 s)`,
  );
  fs.rmSync(minimal, { recursive: true, force: true });
}

try {
  await main();
} finally {
  for (const child of children) child.kill('SIGTERM');
  fs.rmSync(work, { recursive: true, force: true });
}
