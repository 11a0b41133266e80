import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../../db/client';
import { components } from '../../../db/schema';
import { seedDemoIfEmpty } from '../../../db/seed';
import { createTestDatabase } from '../../../test/db';
import { createComponent } from '../../../test/factories';
import { resolvePage } from '../../pages/context';
import { loadStatusPage } from '../../public/read/status-page';
import { monthlyUptimeByComponent } from './monthly-uptime';

// The demo seed at 2026-11-23 12:00 JST: the public page's last three months are Sep, Oct, Nov (so far).
const now = new Date('2026-11-23T03:00:00Z');
let handle: DatabaseHandle;

beforeAll(async () => {
  handle = await createTestDatabase();
  await seedDemoIfEmpty(handle.db, now);
});
afterAll(() => handle.close());

describe('monthly uptime on the public page', () => {
  it('gives each component its last three months by its service policy', async () => {
    const page = await resolvePage(handle.db);
    const byName = new Map((await handle.db.select().from(components)).map((c) => [c.nameEn, c.id]));
    const months = await monthlyUptimeByComponent(handle.db, page, now);
    const figures = (name: string) =>
      months.get(byName.get(name)!)!.map((m) => [m.month, m.complete, m.uptimePercent && Number(m.uptimePercent.toFixed(4))]);
    // Outbound calls: 45 min major outage on 9/23 → (43,200 − 45) / 43,200 = 99.8958 %; the 10/24 maintenance
    // was announced as the call-centre policy asks, so October is 100 %.
    expect(figures('Outbound calls')).toEqual([
      ['2026-09', true, 99.8958],
      ['2026-10', true, 100],
      ['2026-11', false, 100],
    ]);
    // Recordings: 190 min partial outage across midnight 10/19–20 → 44,450 / 44,640 = 99.5744 %.
    expect(figures('Call recordings')[1]).toEqual(['2026-10', true, 99.5744]);
    // Incoming calls: the carrier outage on 10/27 is excluded (third party), so no downtime.
    expect(figures('Incoming calls')[1]).toEqual(['2026-10', true, 100]);
    // Click counting: 150 min partial outage on 11/18 → 43,050 / 43,200 = 99.6528 % so far.
    expect(figures('Click counting')[2]).toEqual(['2026-11', false, 99.6528]);
    // The API was added on 11/13: nothing for September and October.
    expect(figures('API')).toEqual([
      ['2026-09', true, null],
      ['2026-10', true, null],
      ['2026-11', false, 100],
    ]);
  });

  it('is part of the status page view, for components without a service too', async () => {
    const page = await resolvePage(handle.db);
    await createComponent(handle.db, page.id, {
      name: '単独',
      nameEn: 'Standalone',
      createdAt: new Date('2026-10-15T00:00:00Z'),
    });
    const view = await loadStatusPage(handle.db, { locale: 'en', now });
    const forms = view.groups[2].components.find((c) => c.name === 'Web forms')!;
    expect(forms.monthlyUptime.map((m) => m.month)).toEqual(['2026-09', '2026-10', '2026-11']);
    const standalone = view.groups.flatMap((g) => g.components).find((c) => c.name === 'Standalone')!;
    expect(standalone.monthlyUptime.map((m) => m.uptimePercent)).toEqual([null, 100, 100]);
  });
});
