import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { DatabaseHandle } from '../../../db/client';
import { components, pages } from '../../../db/schema';
import { seedDemoIfEmpty } from '../../../db/seed';
import { createTestDatabase } from '../../../test/db';
import { loadStatusPage } from './status-page';
import { findPublicIncident, listIncidentsBetween } from './incidents';

let handle: DatabaseHandle;
const now = new Date('2026-11-23T03:00:00Z');

beforeAll(async () => {
  handle = await createTestDatabase();
  expect(await seedDemoIfEmpty(handle.db, now)).toBe(true);
});
afterAll(() => handle.close());

describe('the demo seed and the public status page', () => {
  it('seeds only once', async () => {
    expect(await seedDemoIfEmpty(handle.db, now)).toBe(false);
    expect(await handle.db.select().from(pages)).toHaveLength(1);
  });

  it('shows groups, component statuses, 90 day bars and the open incident', async () => {
    const view = await loadStatusPage(handle.db, { locale: 'ja', now });
    expect(view.groups.map((g) => g.name)).toEqual(['クラウド電話', 'クライアント機能', 'コンシューマ機能']);
    expect(view.overall).toBe('degraded');
    const consoleComponent = view.groups[1].components.find((c) => c.name === '管理画面');
    expect(consoleComponent?.status).toBe('degraded_performance');
    for (const group of view.groups) for (const c of group.components) expect(c.days).toHaveLength(90);
    // The API component was added 10 days ago at noon JST: 11 days with data (the first one from noon), 79 without.
    const api = view.groups[0].components.find((c) => c.name === 'API')!;
    expect(api.days.filter((d) => d.noData)).toHaveLength(79);
    // Outbound calls had a 45-minute major outage ~61 days ago: below 100 % over 90 days.
    const calling = view.groups[0].components.find((c) => c.name === '発信')!;
    const outageDay = calling.days.find((d) => d.downtimeMinutes > 0)!;
    expect(outageDay.downtimeMinutes).toBe(45);
    expect(outageDay.incidents.map((i) => i.title)).toEqual(['発信ができない障害']);
    expect(calling.uptimePercent).toBeLessThan(100);
    expect(view.activeIncidents.map((i) => i.title)).toEqual(['管理画面の表示が遅い']);
    expect(view.activeIncidents[0].updates[0].status).toBe('identified');
    expect(view.upcomingMaintenances.map((m) => m.title)).toEqual(['データベース基盤の更新', '通話録音ストレージの増設']);
    expect(view.recentIncidents.map((i) => i.title)).toEqual(['クリック計測の停止']);
  });

  it('speaks English when asked, falling back to Japanese text where no translation exists', async () => {
    const view = await loadStatusPage(handle.db, { locale: 'en', now });
    expect(view.groups[2].name).toBe('Consumer functions');
    expect(view.activeIncidents[0].title).toBe('Admin console is slow');
  });

  it('never shows deleted components and finds incidents by valid ids only', async () => {
    const [api] = await handle.db.select().from(components).where(eq(components.name, 'API'));
    await handle.db.update(components).set({ deletedAt: now }).where(eq(components.id, api.id));
    const view = await loadStatusPage(handle.db, { locale: 'ja', now });
    expect(view.groups[0].components.map((c) => c.name)).not.toContain('API');
    const pageId = view.page.id;
    expect(await findPublicIncident(handle.db, pageId, 'not-a-uuid', 'ja')).toBeNull();
    expect(await findPublicIncident(handle.db, pageId, '00000000-0000-0000-0000-000000000000', 'ja')).toBeNull();
    const october = await listIncidentsBetween(
      handle.db,
      pageId,
      new Date('2026-10-01T00:00:00+09:00'),
      new Date('2026-11-01T00:00:00+09:00'),
      'ja',
    );
    expect(october.length).toBeGreaterThan(0);
  });
});
