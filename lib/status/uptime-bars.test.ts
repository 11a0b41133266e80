import { describe, expect, it } from 'vitest';
import { uptimeBars } from './uptime-bars';
import { overallStatus } from './overall';

const TZ = 'Asia/Tokyo';
const jst = (iso: string) => new Date(`${iso}+09:00`);

describe('uptimeBars', () => {
  it('splits an outage across midnight JST between two calendar days', () => {
    // Major outage 2026-11-20 23:30 → 2026-11-21 01:00 JST: 30 min on the 20th, 60 min on the 21st.
    const now = jst('2026-11-22T12:00:00');
    const bars = uptimeBars({
      intervals: [
        { status: 'operational', from: jst('2026-01-01T00:00:00'), to: jst('2026-11-20T23:30:00') },
        { status: 'major_outage', from: jst('2026-11-20T23:30:00'), to: jst('2026-11-21T01:00:00') },
        { status: 'operational', from: jst('2026-11-21T01:00:00'), to: null },
      ],
      createdAt: jst('2026-01-01T00:00:00'),
      now,
      timeZone: TZ,
      days: 3,
      partialOutageWeight: 0.5,
    });
    expect(bars.days.map((d) => d.date)).toEqual(['2026-11-20', '2026-11-21', '2026-11-22']);
    expect(bars.days[0].downtimeMinutes).toBe(30);
    expect(bars.days[1].downtimeMinutes).toBe(60);
    // 1440 observed, 60 down → 95.833 %
    expect(bars.days[1].uptimePercent).toBeCloseTo(95.833, 3);
    expect(bars.days[2].downtimeMinutes).toBe(0);
    // Today observed only until 12:00 → 720 minutes. Total 1440 + 1440 + 720 = 3600, down 90 → 97.5 %.
    expect(bars.days[2].observedMinutes).toBe(720);
    expect(bars.uptimePercent).toBe(97.5);
    expect(bars.days[0].worst).toBe('major_outage');
  });

  it('shows days before a component existed as no data (component added 10 days ago)', () => {
    const now = jst('2026-11-23T09:00:00');
    const createdAt = jst('2026-11-13T15:00:00');
    const bars = uptimeBars({
      intervals: [
        { status: 'operational', from: createdAt, to: jst('2026-11-14T00:00:00') },
        { status: 'partial_outage', from: jst('2026-11-14T00:00:00'), to: jst('2026-11-14T02:00:00') },
        { status: 'operational', from: jst('2026-11-14T02:00:00'), to: null },
      ],
      createdAt,
      now,
      timeZone: TZ,
      days: 90,
      partialOutageWeight: 0.5,
    });
    const withData = bars.days.filter((d) => !d.noData);
    // 13th (from 15:00) … 23rd = 11 days with data, the other 79 are empty.
    expect(withData).toHaveLength(11);
    expect(withData[0].date).toBe('2026-11-13');
    expect(withData[0].observedMinutes).toBe(540); // 15:00 → 24:00
    // 120 min of partial outage at weight 0.5 = 60 downtime minutes on the 14th.
    expect(withData[1].downtimeMinutes).toBe(60);
    expect(bars.days[0].noData).toBe(true);
    expect(bars.days[0].uptimePercent).toBeNull();
  });

  it('does not count degraded performance or maintenance as downtime', () => {
    const now = jst('2026-11-23T00:00:00');
    const bars = uptimeBars({
      intervals: [
        { status: 'degraded_performance', from: jst('2026-11-22T00:00:00'), to: jst('2026-11-22T12:00:00') },
        { status: 'under_maintenance', from: jst('2026-11-22T12:00:00'), to: null },
      ],
      createdAt: jst('2026-11-01T00:00:00'),
      now,
      timeZone: TZ,
      days: 2,
      partialOutageWeight: 0.3,
    });
    expect(bars.days[0].downtimeMinutes).toBe(0);
    expect(bars.days[0].uptimePercent).toBe(100);
    expect(bars.days[0].worst).toBe('degraded_performance');
  });
});

describe('overallStatus', () => {
  it('picks the worst status, with outages above maintenance', () => {
    expect(overallStatus([])).toBe('operational');
    expect(overallStatus(['operational', 'degraded_performance'])).toBe('degraded');
    expect(overallStatus(['under_maintenance', 'partial_outage'])).toBe('partial_outage');
    expect(overallStatus(['under_maintenance', 'operational'])).toBe('maintenance');
    expect(overallStatus(['major_outage', 'partial_outage'])).toBe('major_outage');
  });
});
