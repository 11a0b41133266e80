import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count } from 'drizzle-orm';
import { migrateDatabase } from '../db/migrate';
import { components, evidence, incidents } from '../db/schema';
import { seedDemoIfEmpty } from '../db/seed';
import { systemActor } from '../lib/services/context';
import { openIncident } from '../lib/services/incidents/open';
import { createCliDatabase, type CliDatabase } from '../test/cli-database';

// `npm run demo:remove` as a real subprocess on its own database (a PGlite folder, or a fresh
// PostgreSQL database on the postgres project), then `npm run evidence:verify` on the result.
const onPostgres = process.env.TEST_DRIVER === 'postgres';
let cli: CliDatabase;
const open = () => cli.open();
const run = (script: string) => cli.run(script);

beforeAll(async () => {
  cli = await createCliDatabase('demo-remove');
  const handle = await open();
  await migrateDatabase(handle);
  await seedDemoIfEmpty(handle.db);
  // Something real on a demo component, so the ledger has rows about demo ids before the removal.
  const [component] = await handle.db.select().from(components).limit(1);
  await openIncident({
    ctx: { db: handle.db, actor: systemActor('test') },
    input: {
      title: '本番の障害',
      severity: 'minor',
      body: '調査中',
      components: [{ componentId: component.id, status: 'partial_outage' }],
    },
  });
  await handle.close();
}, 120_000);
afterAll(() => cli.close());

describe('npm run demo:remove', () => {
  it.skipIf(onPostgres)(
    'refuses while a running Shirase holds the embedded database, changing nothing',
    async () => {
      const holder = await open();
      try {
        const { code, out } = run('scripts/demo-remove.ts');
        expect(code).toBe(1);
        expect(out).toContain(`is in use by process ${process.pid}`);
        expect((await holder.db.select({ n: count() }).from(incidents))[0].n).toBe(7);
      } finally {
        await holder.close();
      }
    },
    120_000,
  );

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
