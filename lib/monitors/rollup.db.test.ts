import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { DatabaseHandle } from '../../db/client';
import { monitorResults, monitorRollups, monitors } from '../../db/schema';
import { createTestDatabase } from '../../test/db';
import { createComponent, createPage } from '../../test/factories';
import { measuredUptime } from './measured-uptime';
import { rollUpResults } from './rollup';

let handle: DatabaseHandle;
let monitorId: string;
let componentId: string;
const DAY = 86_400_000;

beforeAll(async () => {
  handle = await createTestDatabase();
  const page = await createPage(handle.db);
  componentId = (await createComponent(handle.db, page.id)).id;
  [{ id: monitorId }] = await handle.db
    .insert(monitors)
    .values({
      pageId: page.id,
      componentId,
      name: 'api',
      type: 'http',
      target: 'https://example.com/',
      intervalSeconds: 60,
      timeoutMs: 5_000,
    })
    .returning();
});
afterAll(() => handle.close());

describe('roll-ups', () => {
  it('keep uptime and latency percentiles per hour and day, drop raw results past retention, and feed measured uptime', async () => {
    // 20 days of one check per hour; every 10th fails. Latencies 1..100 ms repeating.
    const start = new Date(Math.floor((Date.now() - 20 * DAY) / DAY) * DAY);
    const rows = Array.from({ length: 20 * 24 }, (_, i) => ({
      monitorId,
      region: 'tokyo',
      checkedAt: new Date(start.getTime() + i * 3_600_000 + 60_000),
      ok: i % 10 !== 0,
      latencyMs: (i % 100) + 1,
    }));
    await handle.db.insert(monitorResults).values(rows);
    const before = await measuredUptime(handle.db, { componentIds: [componentId], from: start, to: new Date() });
    expect(before[0]).toMatchObject({ checks: 480, failures: 48 });

    expect(await rollUpResults(handle.db, { keepDays: 7 })).toBe(true);
    const days = await handle.db.select().from(monitorRollups).where(eq(monitorRollups.period, 'day'));
    expect(days).toHaveLength(20);
    expect(days.reduce((n, d) => n + d.checks, 0)).toBe(480);
    const hours = await handle.db.select().from(monitorRollups).where(eq(monitorRollups.period, 'hour'));
    expect(hours).toHaveLength(480);
    const [first] = days.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
    expect(first).toMatchObject({ checks: 24, failures: 3, latencyP50: 12, latencyP99: 24 });

    const remaining = await handle.db.select().from(monitorResults);
    expect(remaining.length).toBeLessThan(480);
    expect(Math.min(...remaining.map((r) => r.checkedAt.getTime()))).toBeGreaterThan(Date.now() - 8 * DAY);

    // Same answer after the raw rows are gone, and a second pass changes nothing.
    expect(await measuredUptime(handle.db, { componentIds: [componentId], from: start, to: new Date() })).toEqual(before);
    await rollUpResults(handle.db, { keepDays: 7 });
    expect(await handle.db.select().from(monitorRollups)).toHaveLength(500);
  });
});
