import { describe, expect, it } from 'vitest';
import { callCenterPolicy, marketingPolicy } from './templates';
import { checkMaintenance, insidePreferredWindow, maintenanceRun, noticeDaysGiven } from './maintenance-checks';
import type { SlaMaintenance } from './inputs';

const jst = (local: string) => new Date(`${local}:00+09:00`);
const groupOf = new Map<string, string | null>([
  ['client', 'client'],
  ['web-form', 'consumer'],
  ['calling', 'calling'],
  ['web', 'web'],
]);

const maintenance = (over: Partial<SlaMaintenance>): SlaMaintenance => ({
  id: 'mnt',
  title: '定期メンテナンス',
  scheduledStart: jst('2026-10-17T01:00'),
  scheduledEnd: jst('2026-10-17T05:00'),
  announcedAt: jst('2026-10-01T10:00'),
  actualStart: null,
  actualEnd: null,
  status: 'completed',
  componentIds: ['client', 'web-form'],
  ...over,
});

describe('notice', () => {
  it('counts calendar days in JST: 14 is on time, 13 is late', () => {
    // 10/03 23:59 → 10/17 01:00 is 13 days 1 hour of clock time but 14 calendar days.
    const onTime = maintenance({ announcedAt: jst('2026-10-03T23:59') });
    expect(noticeDaysGiven(onTime, marketingPolicy)).toBe(14);
    expect(checkMaintenance(onTime, marketingPolicy, groupOf, jst('2026-11-01T00:00')).lateNotice).toBe(false);
    const late = maintenance({ announcedAt: jst('2026-10-04T00:00') });
    expect(noticeDaysGiven(late, marketingPolicy)).toBe(13);
    expect(checkMaintenance(late, marketingPolicy, groupOf, jst('2026-11-01T00:00')).lateNotice).toBe(true);
  });

  it('is late when announced after it began, even without a notice period', () => {
    const afterStart = maintenance({
      scheduledStart: jst('2026-10-08T00:00'),
      scheduledEnd: jst('2026-10-08T05:00'),
      announcedAt: jst('2026-10-08T00:30'),
      componentIds: ['calling'],
    });
    expect(checkMaintenance(afterStart, callCenterPolicy, groupOf, jst('2026-11-01T00:00')).lateNotice).toBe(true);
  });
});

describe('preferred window', () => {
  it('weekly Fri 21:00 → Mon 03:00 JST', () => {
    const inside = (from: string, to: string) => insidePreferredWindow(jst(from), jst(to), marketingPolicy);
    expect(inside('2026-10-16T21:00', '2026-10-17T05:00')).toBe(true); // Fri 21:00 → Sat 05:00
    expect(inside('2026-10-18T23:00', '2026-10-19T03:00')).toBe(true); // Sun 23:00 → Mon 03:00 exactly
    expect(inside('2026-10-16T20:00', '2026-10-16T22:00')).toBe(false); // starts before Friday 21:00
    expect(inside('2026-10-19T02:00', '2026-10-19T04:00')).toBe(false); // runs past Monday 03:00
    expect(inside('2026-10-15T22:00', '2026-10-15T23:00')).toBe(false); // Thursday
  });

  it('daily 00:00–05:00 JST', () => {
    const inside = (from: string, to: string) => insidePreferredWindow(jst(from), jst(to), callCenterPolicy);
    expect(inside('2026-10-08T00:00', '2026-10-08T05:00')).toBe(true);
    expect(inside('2026-10-07T23:30', '2026-10-08T01:00')).toBe(false);
    expect(inside('2026-10-08T04:00', '2026-10-08T06:00')).toBe(false);
  });
});

describe('duration', () => {
  it('checks each stopped function group against its own maximum', () => {
    // Planned Fri 22:00 → Sat 05:00 = 420 min; ran until 06:30 = 510 min; overrun 90.
    //   client max 480: planned 420 ok, actual 510 over; consumer max 240: both over.
    const check = checkMaintenance(
      maintenance({
        scheduledStart: jst('2026-10-16T22:00'),
        scheduledEnd: jst('2026-10-17T05:00'),
        actualStart: jst('2026-10-16T22:00'),
        actualEnd: jst('2026-10-17T06:30'),
      }),
      marketingPolicy,
      groupOf,
      jst('2026-11-01T00:00'),
    );
    expect(check.overrunMinutes).toBe(90);
    expect(check.insidePreferredWindow).toBe(true);
    expect(check.durations).toEqual([
      {
        functionGroup: 'client',
        maxMinutes: 480,
        scheduledMinutes: 420,
        actualMinutes: 510,
        plannedWithinMax: true,
        actualWithinMax: false,
      },
      {
        functionGroup: 'consumer',
        maxMinutes: 240,
        scheduledMinutes: 420,
        actualMinutes: 510,
        plannedWithinMax: false,
        actualWithinMax: false,
      },
    ]);
  });

  it('lists only groups the policy lets stop', () => {
    // Call centre: a maintenance touching calling and web only stops calling (no maximum set).
    const check = checkMaintenance(
      maintenance({
        scheduledStart: jst('2026-10-08T00:00'),
        scheduledEnd: jst('2026-10-08T05:00'),
        componentIds: ['calling', 'web'],
      }),
      callCenterPolicy,
      groupOf,
      jst('2026-11-01T00:00'),
    );
    expect(check.durations.map((d) => [d.functionGroup, d.maxMinutes, d.actualWithinMax])).toEqual([['calling', null, null]]);
  });
});

describe('maintenanceRun', () => {
  it('fills missing times from the schedule and stops running ones at asOf', () => {
    const asOf = jst('2026-10-17T03:00');
    expect(maintenanceRun(maintenance({ status: 'scheduled', autoComplete: true }), marketingPolicy, asOf)).toEqual({
      start: jst('2026-10-17T01:00').getTime(),
      end: asOf.getTime(),
    });
    const manual = maintenance({ status: 'in_progress', autoComplete: false, actualStart: jst('2026-10-17T01:10') });
    expect(maintenanceRun(manual, marketingPolicy, jst('2026-10-17T07:00'))?.end).toBe(jst('2026-10-17T07:00').getTime());
    expect(maintenanceRun(maintenance({ status: 'scheduled', autoComplete: false }), marketingPolicy, asOf)).toBeNull();
    expect(maintenanceRun(maintenance({ status: 'cancelled' }), marketingPolicy, asOf)).toBeNull();
  });
});
