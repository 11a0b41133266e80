import { describe, expect, it } from 'vitest';
import { callCenterPolicy, marketingPolicy } from './templates';
import { computeMonthlyReport, computeMonthlyReports, type MonthlyReportInput } from './report';
import type { SlaComponent } from './inputs';

const jst = (local: string) => new Date(`${local}:00+09:00`);

const components: SlaComponent[] = [
  { id: 'calling', name: '発信・着信', functionGroup: 'calling' },
  { id: 'web', name: '管理画面', functionGroup: 'web' },
];

const october: MonthlyReportInput = {
  policy: callCenterPolicy,
  month: '2026-10',
  components,
  statusIntervals: [
    // Calling down 10/20 09:00 → 10/21 00:00 = 900 min (15 h).
    { componentId: 'calling', status: 'major_outage', from: jst('2026-10-20T09:00'), to: jst('2026-10-21T00:00') },
  ],
  incidents: [
    {
      id: 'inc-1',
      title: '発信できない',
      severity: 'emergency',
      startedAt: jst('2026-10-20T09:00'),
      detectedAt: jst('2026-10-20T09:10'),
      resolvedAt: jst('2026-10-21T00:00'),
      firstPublicPostAt: null,
      slaExcluded: false,
      exclusionKind: null,
      exclusionReason: null,
      componentIds: ['calling'],
    },
    {
      id: 'inc-sept',
      title: '先月の障害',
      severity: 'minor',
      startedAt: jst('2026-09-30T10:00'),
      detectedAt: jst('2026-09-30T10:00'),
      resolvedAt: jst('2026-09-30T11:00'),
      firstPublicPostAt: null,
      slaExcluded: false,
      exclusionKind: null,
      exclusionReason: null,
      componentIds: ['web'],
    },
  ],
  maintenances: [
    {
      id: 'mnt-1',
      title: 'サーバー更新',
      scheduledStart: jst('2026-10-08T00:00'),
      scheduledEnd: jst('2026-10-08T05:00'),
      announcedAt: jst('2026-10-01T12:00'),
      actualStart: jst('2026-10-08T00:00'),
      actualEnd: jst('2026-10-08T04:00'),
      status: 'completed',
      componentIds: ['calling'],
    },
  ],
  deliveries: [{ incidentId: 'inc-1', status: 'sent', sentAt: jst('2026-10-20T09:40') }],
};

describe('computeMonthlyReport', () => {
  it('combines uptime, credits, incidents and maintenance for one month', () => {
    const report = computeMonthlyReport(october);
    // Excluded: announced maintenance ran 00:00–04:00 = 240 → service minutes 44,640 − 240 = 44,400.
    // Downtime 900 → (44,400 − 900) / 44,400 × 100 = 97.972972…% < 98% → credit due.
    expect(report.service.serviceMinutes).toBe(44_400);
    expect(report.service.downtimeMinutes).toBe(900);
    expect(report.service.uptimePercent).toBeCloseTo(97.972973, 5);
    expect(report.summary).toMatchObject({
      creditDue: true,
      targetsMissed: ['service'],
      incidentCount: 1, // September's incident belongs to September's report
      firstNoticeMissed: 0, // 30 min after detection
      resolveMissed: 1, // emergency: 2 h, took 14 h 50 min
      maintenanceCount: 1,
      lateNoticeMaintenances: 0,
      outOfWindowMaintenances: 0,
    });
    expect(report.summary.credits.map((c) => c.scope)).toEqual(['service']);
    expect(report.incidents[0].firstNotice.elapsedMinutes).toBe(30);
    expect(report.incidents[0].resolve.elapsedMinutes).toBe(890);
    expect(report.complete).toBe(true);
    expect(report.periodStart.toISOString()).toBe('2026-09-30T15:00:00.000Z');
  });

  it('is a plain object that survives JSON', () => {
    const report = computeMonthlyReport(october);
    const json = JSON.parse(JSON.stringify(report));
    expect(json.service.uptimePercent).toBe(report.service.uptimePercent);
    expect(json.incidents[0].resolve.deadline).toBe('2026-10-20T02:10:00.000Z');
  });

  it('reports the running month so far', () => {
    // asOf 10/20 10:30, incident still open: calling down since 09:00 → 90 min so far;
    // emergency deadline 09:10 + 2 h = 11:10 not yet passed → pending.
    const running = {
      ...october,
      incidents: october.incidents.map((i) => ({ ...i, resolvedAt: null })),
      asOf: jst('2026-10-20T10:30'),
    };
    const openRow = { ...october.statusIntervals[0], to: null };
    const report = computeMonthlyReport({ ...running, statusIntervals: [openRow] });
    expect(report.complete).toBe(false);
    expect(report.service.downtimeMinutes).toBe(90);
    expect(report.incidents[0].resolve.verdict).toBe('pending');
    expect(report.summary.resolveMissed).toBe(0);
  });

  it('reports per function group for the marketing policy', () => {
    const report = computeMonthlyReport({
      policy: marketingPolicy,
      month: '2026-10',
      components: [
        { id: 'client', name: 'Web application', functionGroup: 'client' },
        { id: 'web-form', name: 'WEB form', functionGroup: 'consumer' },
      ],
      statusIntervals: [],
      incidents: [],
      maintenances: [],
      deliveries: [],
    });
    expect(report.functionGroups.map((g) => [g.key, g.targetPercent, g.uptimePercent, g.verdict])).toEqual([
      ['client', 99, 100, 'met'],
      ['consumer', 99, 100, 'met'],
    ]);
    expect(report.summary.creditDue).toBe(false);
  });

  it('gives the same months in one call as month by month', () => {
    const months = ['2026-09', '2026-10', '2026-11'];
    const together = computeMonthlyReports({ ...october, months });
    expect(together).toEqual(months.map((month) => computeMonthlyReport({ ...october, month })));
    expect(together.map((r) => r.summary.incidentCount)).toEqual([1, 1, 0]);
  });
});
