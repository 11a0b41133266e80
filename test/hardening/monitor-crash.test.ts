import { afterAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { openDatabase, type DatabaseHandle } from '../../db/client';
import { migrateDatabase } from '../../db/migrate';
import { monitorResults, monitors, monitorSchedules } from '../../db/schema';
import { createPage } from '../factories';
import { startHttpTarget } from '../monitor-targets';
import { createFreshDatabase, NO_POSTGRES, postgresAnswers, startWorker, type ShiraseProcess } from './processes';

// A real `npm run worker` killed with SIGKILL while its checks are mid-request (on a fresh
// database of the shared PostgreSQL server). After a restart every check it held is done
// exactly once: none lost (the leases run out and the new process takes the rows), none
// repeated (checks it had recorded before dying are not done again).

const POSTGRES = await postgresAnswers();
const REGION = 'crash';
const processes: ShiraseProcess[] = [];
let handle: DatabaseHandle | undefined;
let drop: (() => Promise<void>) | undefined;

afterAll(async () => {
  await Promise.all(processes.map((p) => p.kill9()));
  await handle?.close();
  await drop?.();
});

async function until(check: () => Promise<boolean>, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe.skipIf(!POSTGRES)(`crash: a checker killed with SIGKILL mid-check (${POSTGRES ? 'PostgreSQL' : NO_POSTGRES})`, () => {
  it('loses and doubles nothing: after the restart each held check is done once, recorded ones are not redone', async () => {
    const database = await createFreshDatabase(undefined, 'shirase_monitor_crash');
    drop = database.drop;
    handle = await openDatabase({ driver: 'postgres', url: database.url, max: 2 });
    await migrateDatabase(handle);
    const db = handle.db;
    const page = await createPage(db);
    const [healthy, hanging] = await Promise.all([startHttpTarget(), startHttpTarget()]);
    hanging.state.hang = true;
    const values = (target: string, prefix: string) =>
      Array.from({ length: 6 }, (_, i) => ({
        pageId: page.id,
        name: `${prefix}${i}`,
        type: 'http' as const,
        target,
        intervalSeconds: 60,
        timeoutMs: 3_000,
        retries: 3,
      }));
    const created = await db
      .insert(monitors)
      .values([...values(healthy.url, 'done'), ...values(hanging.url, 'held')])
      .returning();
    const planned = new Date(Date.now() + 2_000);
    await db.insert(monitorSchedules).values(created.map((m) => ({ monitorId: m.id, region: REGION, nextCheckAt: planned })));
    const env = {
      DATABASE_URL: database.url,
      CHECKER_REGION: REGION,
      MONITOR_ALLOW_PRIVATE: 'true',
      SEED_DEMO: 'false',
      PUBLIC_BASE_URL: 'https://status.example.test',
    };

    const first = await startWorker(env);
    processes.push(first);
    const results = async () => (await db.select({ n: sql<number>`count(*)::int` }).from(monitorResults))[0].n;
    // Mid-check: the healthy six are recorded, the other six are waiting on their answers.
    await until(async () => hanging.state.requests === 6 && (await results()) === 6, 60_000, 'six recorded and six mid-check');
    const held = await db
      .select()
      .from(monitorSchedules)
      .where(sql`${monitorSchedules.leaseUntil} is not null`);
    expect(held).toHaveLength(6);
    expect(new Set(held.map((r) => r.leasedBy)).size).toBe(1);
    await first.kill9();

    hanging.state.hang = false;
    const restarted = await startWorker(env);
    processes.push(restarted);
    await until(async () => (await results()) === 12, 60_000, 'the restarted checker to record the six held checks');
    await restarted.stop();

    const rows = await db.select().from(monitorResults);
    expect(rows).toHaveLength(12);
    for (const m of created) expect(rows.filter((r) => r.monitorId === m.id)).toHaveLength(1);
    expect(rows.every((r) => r.ok)).toBe(true);
    expect(healthy.state.requests).toBe(6);
    expect(hanging.state.requests).toBe(12);
    for (const s of await db.select().from(monitorSchedules).where(eq(monitorSchedules.region, REGION))) {
      expect(s).toMatchObject({ leaseUntil: null, leasedBy: null, consecutiveFailures: 0 });
      expect(s.nextCheckAt.getTime()).toBe(planned.getTime() + 60_000);
    }
    await Promise.all([healthy.close(), hanging.close()]);
  });
});
