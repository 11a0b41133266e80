import { describe, expect, it } from 'vitest';
import { defaultSlaPolicy } from '../sla/policy';
import { callCenterPolicy, marketingPolicy } from '../sla/templates';
import {
  announcedAtAfterEdit,
  autoCompleteFor,
  checkPlan,
  dueReminderOffset,
  offsetLabel,
  reminderOffsets,
  type PolicyScope,
} from './rules';

const jst = (local: string) => new Date(`${local}+09:00`);

// Marketing policy: 14 days' notice, Fri 21:00 – Mon 03:00 JST, client ≤ 480 min, consumer ≤ 240 min.
const marketing: PolicyScope = {
  serviceId: 'ma',
  serviceName: { ja: 'MA', en: 'MA' },
  policy: marketingPolicy,
  isFallback: false,
  componentIds: ['console', 'forms'],
  groupOf: new Map([
    ['console', 'client'],
    ['forms', 'consumer'],
  ]),
};

describe('checkPlan', () => {
  it('passes a Friday-night maintenance announced 20 days ahead within both maxima', () => {
    // 2026-12-04 is a Friday: 22:00–02:00 JST is 240 min, inside the weekend window.
    const check = checkPlan(
      { start: jst('2026-12-04T22:00:00'), end: jst('2026-12-05T02:00:00'), announcedAt: jst('2026-11-14T10:00:00') },
      [marketing],
    );
    expect(check.durationMinutes).toBe(240);
    expect(check.services[0]).toMatchObject({ noticeDays: 20, requiredNoticeDays: 14, lateNotice: false, insideWindow: true });
    expect(check.services[0].durations).toEqual([
      {
        functionGroup: 'client',
        label: { ja: 'クライアント機能', en: 'Client functions' },
        maxMinutes: 480,
        plannedMinutes: 240,
        withinMax: true,
      },
      {
        functionGroup: 'consumer',
        label: { ja: 'コンシューマ機能', en: 'Consumer functions' },
        maxMinutes: 240,
        plannedMinutes: 240,
        withinMax: true,
      },
    ]);
    expect(check).toMatchObject({ lateNotice: false, outOfWindow: false, overMaxDuration: false });
  });

  it('flags 13 days of notice as late, a Wednesday morning as outside the window, 5 h as over the consumer maximum', () => {
    // Announced 2026-11-26 for 2026-12-09 (Wednesday): 13 calendar days in JST < 14.
    const check = checkPlan(
      { start: jst('2026-12-09T10:00:00'), end: jst('2026-12-09T15:00:00'), announcedAt: jst('2026-11-26T23:30:00') },
      [marketing],
    );
    expect(check.services[0]).toMatchObject({ noticeDays: 13, lateNotice: true, insideWindow: false });
    expect(check.services[0].durations.map((d) => [d.functionGroup, d.withinMax])).toEqual([
      ['client', true],
      ['consumer', false],
    ]);
    expect(check).toMatchObject({ lateNotice: true, outOfWindow: true, overMaxDuration: true });
  });

  it('counts notice days in the policy zone: 23:59 JST to 00:01 JST two weeks later is 14 days', () => {
    const check = checkPlan(
      { start: jst('2026-12-05T00:01:00'), end: jst('2026-12-05T01:00:00'), announcedAt: jst('2026-11-21T23:59:00') },
      [marketing],
    );
    expect(check.services[0]).toMatchObject({ noticeDays: 14, lateNotice: false });
  });

  it('checks each service of a mixed scope against its own policy', () => {
    const cti: PolicyScope = {
      ...marketing,
      serviceId: 'cti',
      policy: callCenterPolicy,
      componentIds: ['calling'],
      groupOf: new Map([['calling', 'calling']]),
    };
    // 03:00–06:00 JST: inside neither the nightly 00:00–05:00 window nor the weekend one.
    const check = checkPlan(
      { start: jst('2026-12-08T03:00:00'), end: jst('2026-12-08T06:00:00'), announcedAt: jst('2026-12-01T09:00:00') },
      [marketing, cti],
    );
    expect(check.services.map((s) => [s.serviceId, s.lateNotice, s.insideWindow])).toEqual([
      ['ma', true, false],
      ['cti', false, false],
    ]);
  });

  it('has no window or maximum under the fallback policy, only the two-week notice', () => {
    const fallback: PolicyScope = { ...marketing, serviceId: null, policy: defaultSlaPolicy('Asia/Tokyo'), isFallback: true };
    const check = checkPlan(
      { start: jst('2026-12-09T10:00:00'), end: jst('2026-12-09T20:00:00'), announcedAt: jst('2026-11-20T10:00:00') },
      [fallback],
    );
    expect(check.services[0]).toMatchObject({
      requiredNoticeDays: 14,
      noticeDays: 19,
      lateNotice: false,
      insideWindow: null,
      durations: [],
    });
    expect(check.outOfWindow).toBe(false);
  });
});

describe('reminders', () => {
  const start = jst('2026-12-04T22:00:00');
  const announcedAt = jst('2026-11-14T10:00:00');
  const offsets = [10080, 1440];
  const at = (minutesBefore: number) => new Date(start.getTime() - minutesBefore * 60_000);

  it('offers 7 days and 1 day by default; "at start" is the started notice', () => {
    expect(reminderOffsets([marketing])).toEqual([10080, 1440]);
    expect(offsetLabel(10080)).toBe('7d');
    expect(offsetLabel(1440)).toBe('1d');
    expect(offsetLabel(120)).toBe('2h');
    expect(offsetLabel(45)).toBe('45m');
  });

  it('unions the offsets of every policy in scope', () => {
    const custom = {
      ...marketing,
      policy: { ...marketingPolicy, maintenance: { ...marketingPolicy.maintenance, reminderOffsetsMinutes: [2880, 60, 0] } },
    };
    expect(reminderOffsets([marketing, custom])).toEqual([10080, 2880, 1440, 60]);
  });

  it('is due from its moment until the next one, and never at or after the start', () => {
    expect(dueReminderOffset({ start, announcedAt, now: at(10081), offsets })).toBeNull();
    expect(dueReminderOffset({ start, announcedAt, now: at(10080), offsets })).toBe(10080);
    expect(dueReminderOffset({ start, announcedAt, now: at(2000), offsets })).toBe(10080);
    expect(dueReminderOffset({ start, announcedAt, now: at(1440), offsets })).toBe(1440);
    expect(dueReminderOffset({ start, announcedAt, now: at(1), offsets })).toBe(1440);
    expect(dueReminderOffset({ start, announcedAt, now: start, offsets })).toBeNull();
  });

  it('skips reminders whose moment came before the announcement (3 days of notice: only the 1-day one)', () => {
    const late = new Date(start.getTime() - 3 * 86_400_000);
    expect(dueReminderOffset({ start, announcedAt: late, now: at(5000), offsets })).toBeNull();
    expect(dueReminderOffset({ start, announcedAt: late, now: at(1000), offsets })).toBe(1440);
  });

  it('completes on schedule only if every policy in scope explicitly allows it (the default does not)', () => {
    const auto = {
      ...marketing,
      policy: { ...marketingPolicy, maintenance: { ...marketingPolicy.maintenance, autoComplete: true } },
    };
    expect(autoCompleteFor([marketing])).toBe(false);
    expect(autoCompleteFor([auto])).toBe(true);
    expect(autoCompleteFor([auto, marketing])).toBe(false);
  });
});

describe('announcedAtAfterEdit', () => {
  const before = { start: jst('2026-12-04T22:00:00'), end: jst('2026-12-05T02:00:00'), announcedAt: jst('2026-11-14T10:00:00') };
  const now = jst('2026-12-01T09:00:00');

  it('keeps the original notice for a text edit or a shortened window', () => {
    expect(announcedAtAfterEdit(before, { start: before.start, end: before.end }, now)).toEqual(before.announcedAt);
    expect(announcedAtAfterEdit(before, { start: jst('2026-12-04T23:00:00'), end: before.end }, now)).toEqual(before.announcedAt);
  });

  it('counts notice from the edit when customers learn new times', () => {
    expect(announcedAtAfterEdit(before, { start: jst('2026-12-11T22:00:00'), end: jst('2026-12-12T02:00:00') }, now)).toEqual(
      now,
    );
    expect(announcedAtAfterEdit(before, { start: before.start, end: jst('2026-12-05T03:00:00') }, now)).toEqual(now);
  });
});
