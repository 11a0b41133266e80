import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { DatabaseHandle } from '../../../db/client';
import { services } from '../../../db/schema';
import { seedDemoIfEmpty } from '../../../db/seed';
import { createTestDatabase } from '../../../test/db';
import { createUser } from '../../../test/maintenance-fixtures';
import { appendEvidence } from '../../evidence/append';
import { recordSeededHistory } from '../../evidence/seeded-history';
import type { Actor } from '../context';
import { getSlaReport, monthsEndingAt, verifyEvidence } from './sla-report';
import { slaReportCsv, slaReportJson } from './sla-export';

// The demo seed at "now" = 2026-11-23 12:00 JST; its CTI October is worked out in lib/services/sla-reports/load.db.test.ts:
// service 44,190 / 44,380 = 99.5719 %, recordings down 190 min, 260 min excluded.
const now = new Date('2026-11-23T03:00:00Z');
let handle: DatabaseHandle;
let viewer: Actor;
let cti: string;

beforeAll(async () => {
  handle = await createTestDatabase();
  await seedDemoIfEmpty(handle.db, now);
  await handle.db.transaction((tx) => recordSeededHistory(tx, now));
  cti = (await handle.db.select().from(services)).find((s) => s.slug === 'cti')!.id;
  viewer = await createUser(handle.db, 'viewer');
  for (let i = 0; i < 3; i++) {
    await handle.db.transaction((tx) => appendEvidence(tx, [{ kind: 'component_status', occurredAt: now, content: { n: i } }]));
  }
});
afterAll(() => handle.close());

const ctx = () => ({ db: handle.db, actor: viewer, now: () => now });
const report = (input: object) => getSlaReport({ ctx: ctx(), input });

describe('the monthly SLA report', () => {
  it('lets a viewer read a month, with twelve months for the chart and the verified chain head', async () => {
    const view = await report({ serviceId: cti, month: '2026-10' });
    expect(view.report.service.uptimePercent).toBeCloseTo(99.57188, 5);
    expect(view.history.map((h) => h.month)).toEqual(monthsEndingAt('2026-10', 12));
    // Components were created on 7/26: nothing to measure before July.
    expect(view.history.slice(0, 8).every((h) => h.service === null)).toBe(true);
    // September: calling down 45 min of 30 × 1440 = 43,200 → 43,155 / 43,200 = 99.8958 %.
    expect(view.history[10].service).toBeCloseTo(99.89583, 5);
    expect(view.history[10].groups.calling).toBeCloseTo(99.89583, 5);
    expect(view.history[11]).toMatchObject({ month: '2026-10', complete: true, groups: { calling: 100 } });
    expect(view.chain).toMatchObject({
      headSeq: expect.any(Number),
      verdict: { ok: true, chain: { ok: true }, inputs: { ok: true, mismatchCount: 0 } },
    });
    expect(view.chain.verdict?.head).toBe(view.chain.headHash);
    // The console streams the verdict in: the report itself then only carries the head.
    const quick = await getSlaReport({ ctx: ctx(), input: { serviceId: cti, month: '2026-10' }, verifyChain: false });
    expect(quick.chain).toMatchObject({ headSeq: view.chain.headSeq, verdict: null, verifiedAt: null });
    expect((await verifyEvidence({ ctx: ctx() })).verdict).toEqual(view.chain.verdict);
    expect(view.names.components[view.report.components[0].componentId]).toEqual({ ja: '発信', en: 'Outbound calls' });
  });

  it('exports the same figures as CSV (Excel-ready) and JSON', async () => {
    const view = await report({ serviceId: cti, month: '2026-10' });
    const csv = slaReportCsv(view, 'ja');
    expect(csv.startsWith('\uFEFF項目,値\r\n')).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines).toContain('サービス,クラウド電話（CTI）');
    expect(lines).toContain(`証跡ヘッド（チェーンと計算入力）,${view.chain.headHash}`);
    expect(lines).toContain(
      '区分,名称,機能グループ,目標(%),稼働率(%),月の時間(分),除外時間(分),サービス提供時間(分),停止時間(分),判定,サービス保証',
    );
    // One rounding rule everywhere: cut to 4 decimals (99.57188… → 99.5718, never rounded up to 99.5719).
    expect(lines).toContain('サービス全体,サービス全体,,98,99.5718,44640,260,44380,190,達成,');
    expect(lines.some((l) => l.startsWith('端数処理,') && l.includes('切り捨て'))).toBe(true);
    expect(lines).toContain('機能グループ,通話以外の機能,web,,99.5743,44640,0,44640,190,目標なし,');
    // Minor incident: detected Mon 21:34 after hours, resolved 00:46: 0 business minutes, due Thu 19:00.
    expect(lines).toContain(
      '一部の録音が再生できない,軽度,いいえ,,2026-10-19T21:34:00+09:00,2026-10-19T21:46:00+09:00,12,60,2026-10-19T22:34:00+09:00,達成,2026-10-20T00:46:00+09:00,0 (営業時間),2026-10-22T19:00:00+09:00,達成,,',
    );
    expect(lines).toContain(
      '音声サーバーの定期メンテナンス,完了,2026-10-17T00:00:00+09:00,2026-10-24T00:00:00+09:00,2026-10-24T03:00:00+09:00,7,0,いいえ,はい,2026-10-24T00:00:00+09:00,2026-10-24T03:00:00+09:00,0,calling: 180/-',
    );
    expect(slaReportCsv(view, 'en')).toContain('\r\nWhole service,Whole service,,98,99.5718,44640,260,44380,190,Met,\r\n');

    const json = JSON.parse(slaReportJson(view));
    expect(json).toMatchObject({
      format: 'shirase.sla-report/1',
      service: { id: cti, slug: 'cti', nameEn: 'Cloud phone (CTI)' },
      policyStored: true,
      report: {
        month: '2026-10',
        periodStart: '2026-09-30T15:00:00.000Z',
        service: { serviceMinutes: 44380, downtimeMinutes: 190 },
      },
      evidence: { headHash: view.chain.headHash, verdict: { ok: true } },
    });
    expect(json.report.incidents).toHaveLength(2);
    expect(json.report.service.uptimePercent).toBe(99.5718);
    expect(json.rounding).toMatchObject({ percentDecimals: 4, minuteDecimals: 2, mode: 'cut' });
    expect(json.history).toHaveLength(12);
  });

  it('defuses spreadsheet formulas in operator text and quotes commas', async () => {
    await handle.db.execute(sql`update incidents set title = '=HYPERLINK("x"), now' where title = '一部の録音が再生できない'`);
    const csv = slaReportCsv(await report({ serviceId: cti, month: '2026-10' }), 'ja');
    expect(csv).toContain(`"'=HYPERLINK(""x""), now",軽度`);
  });

  it('reports a chain edited in SQL as broken at that row, and refuses future months and unknown services', async () => {
    const [row] = rowsOf(await handle.db.execute(sql`select min(seq) + 1 as seq from evidence`));
    await handle.db.execute(sql`update evidence set content = '{"n": 7}'::jsonb where seq = ${Number(row.seq)}`);
    const view = await report({ serviceId: cti, month: '2026-11' });
    expect(view.report.complete).toBe(false);
    expect(view.chain.verdict?.chain).toEqual({ ok: false, rows: 1, brokenAt: Number(row.seq), reason: 'content_changed' });
    expect((await verifyEvidence({ ctx: ctx() })).verdict).toMatchObject({
      ok: false,
      chain: { ok: false, brokenAt: Number(row.seq) },
    });
    await expect(report({ serviceId: cti, month: '2026-12' })).rejects.toMatchObject({
      code: 'invalid',
      fieldErrors: { month: ['month_in_future'] },
    });
    await expect(report({ serviceId: '00000000-0000-4000-8000-000000000000' })).rejects.toMatchObject({
      code: 'not_found',
      messageKey: 'service_not_found',
    });
    await expect(report({ serviceId: 'cti' })).rejects.toMatchObject({ code: 'invalid' });
    expect((await report({})).service.slug).toBe('cti');
  });
});

function rowsOf(result: unknown): Record<string, unknown>[] {
  return Array.isArray(result) ? result : (result as { rows: Record<string, unknown>[] }).rows;
}
