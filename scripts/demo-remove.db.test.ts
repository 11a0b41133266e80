import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { count } from 'drizzle-orm';
import { openDatabase, type DatabaseHandle } from '../db/client';
import { migrateDatabase } from '../db/migrate';
import { components, evidence, incidents } from '../db/schema';
import { seedDemoIfEmpty } from '../db/seed';
import { systemActor } from '../lib/services/context';
import { openIncident } from '../lib/services/incidents/open';
import { adminUrl, templateName } from '../test/db-names';

// `npm run demo:remove` as a real subprocess on its own database (a PGlite folder, or a fresh
// PostgreSQL database on the postgres project), then `npm run evidence:verify` on the result.
const onPostgres = process.env.TEST_DRIVER === 'postgres';
let target: { PGLITE_DIR?: string; DATABASE_URL: string };
let tmp: string | null = null;

const open = (): Promise<DatabaseHandle> =>
  onPostgres ? openDatabase({ driver: 'postgres', url: target.DATABASE_URL, max: 1 }) : openDatabase({ driver: 'pglite', dir: target.PGLITE_DIR });

function run(script: string) {
  const result = spawnSync(path.resolve('node_modules/.bin/tsx'), [script], {
    env: { ...process.env, ...target, NODE_ENV: 'production' },
    encoding: 'utf8',
    timeout: 90_000,
  });
  return { code: result.status, out: `${result.stdout}${result.stderr}` };
}

beforeAll(async () => {
  if (onPostgres) {
    const { default: postgres } = await import('postgres');
    const name = `shirase_${inject('runId')}_${randomBytes(4).toString('hex')}`;
    const admin = postgres(adminUrl(), { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name} template ${templateName(inject('runId'))}`);
    await admin.end();
    target = { DATABASE_URL: adminUrl(name) };
  } else {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'shirase-demo-remove-'));
    target = { PGLITE_DIR: path.join(tmp, 'pg'), DATABASE_URL: '' };
  }
  const handle = await open();
  await migrateDatabase(handle);
  await seedDemoIfEmpty(handle.db);
  // Something real on a demo component, so the ledger has rows about demo ids before the removal.
  const [component] = await handle.db.select().from(components).limit(1);
  await openIncident({ ctx: { db: handle.db, actor: systemActor('test') }, input: { title: '本番の障害', severity: 'minor', body: '調査中', components: [{ componentId: component.id, status: 'partial_outage' }] } });
  await handle.close();
}, 120_000);
afterAll(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe('npm run demo:remove', () => {
  it.skipIf(onPostgres)('refuses while a running Shirase holds the embedded database, changing nothing', async () => {
    const holder = await open();
    try {
      const { code, out } = run('scripts/demo-remove.ts');
      expect(code).toBe(1);
      expect(out).toContain(`is in use by process ${process.pid}`);
      expect((await holder.db.select({ n: count() }).from(incidents))[0].n).toBe(7);
    } finally {
      await holder.close();
    }
  }, 120_000);

  it('removes the demo, keeps the ledger verifiable, and says so when there is nothing left', async () => {
    const first = run('scripts/demo-remove.ts');
    expect(first.out).toContain('Removed the demo: 6 incidents, 3 maintenances, 9 components, 3 groups, 2 services.');
    expect(first.code).toBe(0);
    const handle = await open();
    const left = (await handle.db.select({ title: incidents.title }).from(incidents)).map((i) => i.title);
    const ledger = await handle.db.select({ kind: evidence.kind }).from(evidence);
    await handle.close();
    expect(left).toEqual(['本番の障害']);
    expect(ledger.at(-1)?.kind).toBe('demo_removal');

    const verify = run('scripts/evidence-verify.ts');
    expect(verify.out).toContain(`Evidence chain intact: ${ledger.length} rows`);
    expect(verify.code).toBe(0);

    const again = run('scripts/demo-remove.ts');
    expect(again.out).toContain('There is no demo data to remove.');
    expect(again.code).toBe(0);
  }, 300_000);
});
