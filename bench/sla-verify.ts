// Evidence verification benchmark: the chain walk and the SLA-input cross-check (issue 14) over a
// year of 50 components in a real database (20,000 status periods, 2,000 incidents, 52
// maintenances, each snapshotted into the chain), timed apart from the SLA computation (bench/sla.ts).
// Run: npx tsx bench/sla-verify.ts   (PostgreSQL at BENCH_DATABASE_URL, default the local server;
// a throwaway database is created and dropped).
import postgres from 'postgres';
import { openDatabase } from '../db/client';
import { migrateDatabase } from '../db/migrate';
import { components, componentStatusChanges, incidents, maintenanceComponents, maintenances, pages } from '../db/schema';
import { crossCheckInputs, verifySlaEvidence } from '../lib/evidence/cross-check';
import { snapshotAllSlaInputs } from '../lib/evidence/sla-inputs';

const SERVER = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const COMPONENTS = 50;
const PERIODS_PER_COMPONENT = 400;
const INCIDENTS = 2_000;
const MINUTE = 60_000;
const YEAR_START = Date.parse('2026-01-01T00:00:00+09:00');
const YEAR_MS = 365 * 24 * 60 * MINUTE;

const name = `sla_verify_bench_${process.pid}`;
const admin = postgres(SERVER, { max: 1, onnotice: () => {} });
await admin.unsafe(`create database ${name}`);
const url = new URL(SERVER);
url.pathname = `/${name}`;
const handle = await openDatabase({ driver: 'postgres', url: url.toString(), max: 4 });

async function chunked<T>(rows: T[], insert: (part: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += 1_000) await insert(rows.slice(i, i + 1_000));
}

try {
  await migrateDatabase(handle);
  const db = handle.db;
  const [page] = await db.insert(pages).values({ slug: 'bench', name: 'ベンチ' }).returning();
  const created = await db
    .insert(components)
    .values(
      Array.from({ length: COMPONENTS }, (_, i) => ({
        pageId: page.id,
        name: `Component ${i}`,
        createdAt: new Date(YEAR_START),
      })),
    )
    .returning({ id: components.id });
  const step = YEAR_MS / PERIODS_PER_COMPONENT;
  const periods = created.flatMap(({ id }) =>
    Array.from({ length: PERIODS_PER_COMPONENT }, (_, k) => ({
      componentId: id,
      status: k % 2 === 0 ? ('operational' as const) : ('major_outage' as const),
      from: new Date(YEAR_START + k * step),
      to: k === PERIODS_PER_COMPONENT - 1 ? null : new Date(YEAR_START + (k + 1) * step),
      source: 'seed',
    })),
  );
  await chunked(periods, (part) => db.insert(componentStatusChanges).values(part));
  const incidentRows = Array.from({ length: INCIDENTS }, (_, i) => {
    const at = YEAR_START + (i * YEAR_MS) / INCIDENTS;
    return {
      pageId: page.id,
      title: `Incident ${i}`,
      severity: 'minor' as const,
      status: 'resolved' as const,
      detectedAt: new Date(at),
      startedAt: new Date(at),
      resolvedAt: new Date(at + 90 * MINUTE),
    };
  });
  await chunked(incidentRows, (part) => db.insert(incidents).values(part));
  const weeks = await db
    .insert(maintenances)
    .values(
      Array.from({ length: 52 }, (_, w) => {
        const start = YEAR_START + w * 7 * 24 * 60 * MINUTE;
        return {
          pageId: page.id,
          title: `Maintenance ${w}`,
          body: '定期メンテナンス',
          scheduledStart: new Date(start),
          scheduledEnd: new Date(start + 300 * MINUTE),
          announcedAt: new Date(start - 14 * 24 * 60 * MINUTE),
          actualStart: new Date(start),
          actualEnd: new Date(start + 300 * MINUTE),
          status: 'completed' as const,
        };
      }),
    )
    .returning({ id: maintenances.id });
  await db
    .insert(maintenanceComponents)
    .values(weeks.flatMap((m) => created.slice(0, 10).map((c) => ({ maintenanceId: m.id, componentId: c.id }))));
  await db.transaction((tx) => snapshotAllSlaInputs(tx, new Date()));

  const time = async (work: () => Promise<unknown>) => {
    const runs: number[] = [];
    for (let i = 0; i < 5; i++) {
      const started = performance.now();
      await work();
      runs.push(performance.now() - started);
    }
    runs.sort((a, b) => a - b);
    return `${runs[2].toFixed(0)} ms (min ${runs[0].toFixed(0)}, max ${runs[4].toFixed(0)})`;
  };
  const verdict = await verifySlaEvidence(db);
  console.log('Evidence verification, one year of 50 components (PostgreSQL)');
  console.log(
    `  rows: ${periods.length} status periods, ${INCIDENTS} incidents, ${weeks.length} maintenances; chain ${verdict.chain.ok ? verdict.chain.rows : 'BROKEN'} rows`,
  );
  console.log(`  inputs: ${verdict.inputs.ok ? 'match' : 'DIFFER'} (${verdict.inputs.rowsChecked} rows checked)`);
  console.log(`  cross-check of SLA inputs only, median of 5:   ${await time(() => crossCheckInputs(db))}`);
  console.log(`  chain walk + cross-check (evidence:verify):    ${await time(() => verifySlaEvidence(db))}`);
} finally {
  await handle.close();
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.end();
}
