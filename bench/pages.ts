// `npx tsx bench/pages.ts [--no-build] [--seconds 8]`: the table of issue 21. One Shirase
// (production build, the demo on the embedded database) and autocannon with 50 connections and
// browser headers on `/`, an incident page, `/history` and `/maintenance`, one after the other.
// Prints req/s, p99 and errors per path and each page's share of `/`'s rate. Not a test.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { openDatabase } from '../db/client';
import { migrateDatabase } from '../db/migrate';
import { seedDemoIfEmpty } from '../db/seed';
import { privateBuildFolder, startWebServer } from '../test/hardening/processes';

const { values: args } = parseArgs({
  options: { 'no-build': { type: 'boolean', default: false }, seconds: { type: 'string', default: '8' } },
});
const CONNECTIONS = 50;
const SECONDS = Number(args.seconds);
const BROWSER = { accept: 'text/html,application/xhtml+xml', 'accept-encoding': 'br, gzip', 'accept-language': 'ja,en;q=0.8' };

const buildFolder = privateBuildFolder({ build: !args['no-build'] });
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shirase-pages-'));
const handle = await openDatabase({ driver: 'pglite', dir: dataDir });
await migrateDatabase(handle);
await seedDemoIfEmpty(handle.db);
await handle.close();
const server = await startWebServer(
  { PGLITE_DIR: dataDir, DATABASE_URL: '', SEED_DEMO: 'false', DISPATCHER: 'off', CHECKER: 'off' },
  buildFolder,
);

try {
  const incidents = (await (await fetch(`${server.url}/api/v2/incidents.json`)).json()) as { incidents: { id: string }[] };
  const paths = ['/', `/incidents/${incidents.incidents[0].id}`, '/history', '/maintenance'];
  // Warm every page once (a cache, if any, builds on first request) and wait for `/`'s bytes.
  for (const p of paths) await fetch(server.url + p, { headers: BROWSER });
  while (!(await fetch(`${server.url}/`)).headers.get('etag')) await new Promise((r) => setTimeout(r, 100));
  const rows: { path: string; rps: number; p99: number; errors: number }[] = [];
  for (const p of paths) {
    const result = await autocannon({ url: server.url + p, connections: CONNECTIONS, duration: SECONDS, headers: BROWSER });
    rows.push({
      path: p,
      rps: result.requests.average,
      p99: result.latency.p99,
      errors: result.errors + result.timeouts + result.non2xx,
    });
  }
  const front = rows[0].rps;
  console.log(
    `\nautocannon, ${CONNECTIONS} connections, ${SECONDS} s each, browser headers, demo on PGlite (${os.cpus().length} CPUs)`,
  );
  console.log('| path | req/s | p99 ms | errors | × `/` |\n|---|---|---|---|---|');
  for (const r of rows)
    console.log(
      `| \`${r.path.replace(/[0-9a-f-]{36}/, '{id}')}\` | ${r.rps.toFixed(0)} | ${r.p99} | ${r.errors} | ${(r.rps / front).toFixed(2)} |`,
    );
} finally {
  await server.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.rmSync(buildFolder, { recursive: true, force: true });
}
