// Issue 14, item 6: the report a customer reads names the deadline of every target, states its
// rounding rule and reading of "N business days", and lists the incidents resting on hand entry.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { eq } from 'drizzle-orm';
import type { DatabaseHandle } from '@/db/client';
import { components } from '@/db/schema';
import { seedDemoIfEmpty } from '@/db/seed';
import { createTestDatabase } from '@/test/db';
import { createUser } from '@/test/maintenance-fixtures';
import { getSlaReport } from '@/lib/services/sla-reports/sla-report';
import { slaReportCsv } from '@/lib/services/sla-reports/sla-export';
import { openIncident } from '@/lib/services/incidents/open';
import { backfillIncident } from '@/lib/services/incidents/backfill';
import { ReportEntries } from './ReportEntries';
import { ReportIncidents } from './ReportEvents';
import { PolicyRules } from './PolicyRules';

const now = new Date('2026-11-23T03:00:00Z');
let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
  await seedDemoIfEmpty(handle.db, now);
});
afterAll(() => handle.close());

describe('the SLA report as a customer reads it', () => {
  it('shows deadlines, the rounding rule, the business-day reading and the hand-entered incidents', async () => {
    const db = handle.db;
    const [api] = await db.select().from(components).where(eq(components.name, 'API'));
    const operator = await createUser(db, 'operator');
    const ctx = { db, actor: operator, now: () => now };
    await openIncident({
      ctx,
      input: {
        title: '手入力の検知時刻',
        severity: 'severe',
        body: '調査中です。',
        detectedAt: new Date(now.getTime() - 30 * 60_000),
        components: [{ componentId: api.id, status: 'partial_outage' }],
      },
    });
    await backfillIncident({
      ctx,
      input: {
        title: '移行した過去の障害',
        severity: 'minor',
        body: '記録のみ',
        componentIds: [api.id],
        startedAt: '2026-11-10T10:00:00+09:00',
        resolvedAt: '2026-11-10T11:00:00+09:00',
      },
    });
    const view = await getSlaReport({
      ctx: { db, actor: await createUser(db, 'viewer'), now: () => now },
      input: { serviceId: api.serviceId!, month: '2026-11' },
    });
    const html = [ReportIncidents, ReportEntries]
      .map((c) => renderToStaticMarkup(createElement(c, { view, locale: 'ja' })))
      .join('');
    const by = `user:${operator.email}`;
    expect(html).toContain(`検知時刻は手入力: ${by}`);
    expect(html).toContain(`後日登録: ${by}`);
    expect(html).toMatch(/手入力・後日登録の記録.*手入力の検知時刻 — user:.*移行した過去の障害 — user:/);
    // Every target carries its deadline as a date and time in the policy's zone.
    expect(html).toContain('目標 60分、期限 2026/11/23 12:30 JST');
    expect(html).toContain('目標 2営業日以内、期限 2026/11/12 19:00 JST');

    const rules = renderToStaticMarkup(createElement(PolicyRules, { policy: view.policy, locale: 'en' }));
    expect(rules).toContain('How &quot;N business days&quot; reads');
    expect(rules).toContain('close of business on the Nth business day');
    expect(rules).toContain('cut, never rounded up: uptime to 4 decimal places, every duration in minutes');

    const csv = slaReportCsv(view, 'en');
    expect(csv).toContain(`,${by},${by}\r\n`);
  });
});
