import { describe, expect, it } from 'vitest';
import { callCenterPolicy, marketingPolicy } from './templates';
import {
  addBusinessDays,
  addBusinessMinutes,
  businessCalendarOf,
  businessMinutesBetween,
  isBusinessDay,
  isBusinessMoment,
} from './business-time';

const jst = (local: string) => new Date(`${local}:00+09:00`);
const callCenter = businessCalendarOf(callCenterPolicy); // weekdays 10:00–19:00, Obon, 12/28–1/4
const marketing = businessCalendarOf(marketingPolicy); // weekdays 10:00–12:00 + 13:00–18:00, 12/28–1/4

describe('isBusinessMoment', () => {
  it('is open inside hours, closed at the closing minute, over lunch, on holidays and closures', () => {
    expect(isBusinessMoment(jst('2026-10-09T10:00'), callCenter)).toBe(true); // Friday opening
    expect(isBusinessMoment(jst('2026-10-09T19:00'), callCenter)).toBe(false); // closing time is closed
    expect(isBusinessMoment(jst('2026-10-06T12:30'), marketing)).toBe(false); // lunch break
    expect(isBusinessMoment(jst('2026-10-06T12:30'), callCenter)).toBe(true); // no lunch break
    expect(isBusinessMoment(jst('2026-10-12T11:00'), callCenter)).toBe(false); // スポーツの日
    expect(isBusinessMoment(jst('2026-08-14T11:00'), callCenter)).toBe(false); // Obon (Friday)
    expect(isBusinessMoment(jst('2026-08-14T11:00'), marketing)).toBe(true); // no Obon closure in seed 002
    expect(isBusinessMoment(jst('2026-10-10T11:00'), callCenter)).toBe(false); // Saturday
  });

  it('reads the day in the policy zone, not UTC', () => {
    // 2026-10-09T01:30Z is Friday 10:30 in Tokyo (open) and still Friday in UTC.
    expect(isBusinessMoment(new Date('2026-10-09T01:30:00Z'), callCenter)).toBe(true);
    // 2026-10-11T15:30Z is Monday 00:30 JST, a holiday; in UTC it would be Sunday either way.
    expect(isBusinessDay(new Date('2026-10-11T15:30:00Z'), callCenter)).toBe(false);
    // 2026-10-12T15:30Z is Tuesday 00:30 JST: a business day although UTC still says the holiday.
    expect(isBusinessDay(new Date('2026-10-12T15:30:00Z'), callCenter)).toBe(true);
  });
});

describe('businessMinutesBetween', () => {
  it('skips the lunch break', () => {
    // 11:30–12:00 = 30, 12:00–13:00 closed, 13:00–13:30 = 30 → 60
    expect(businessMinutesBetween(jst('2026-10-06T11:30'), jst('2026-10-06T13:30'), marketing)).toBe(60);
  });

  it('skips the weekend and a Monday holiday', () => {
    // Fri 18:30–19:00 = 30, Sat/Sun/Mon (スポーツの日) = 0, Tue 10:00–19:00 = 540, Wed 10:00–18:00 = 480 → 1050
    expect(businessMinutesBetween(jst('2026-10-09T18:30'), jst('2026-10-14T18:00'), callCenter)).toBe(1050);
  });

  it('skips the year-end closure across New Year', () => {
    // Fri 12/25 15:00–19:00 = 240; 12/26–27 weekend; 12/28–1/4 closed (1/1 also a holiday);
    // Tue 1/5 10:00–12:00 = 120 → 360
    expect(businessMinutesBetween(jst('2026-12-25T15:00'), jst('2027-01-05T12:00'), callCenter)).toBe(360);
  });

  it('is zero for an empty or reversed range', () => {
    expect(businessMinutesBetween(jst('2026-10-06T15:00'), jst('2026-10-06T11:00'), callCenter)).toBe(0);
  });
});

describe('addBusinessMinutes', () => {
  it('carries over lunch: 240 business minutes from 11:00 end at 16:00', () => {
    // 11:00–12:00 = 60, then 13:00 + 180 = 16:00
    expect(addBusinessMinutes(jst('2026-10-06T11:00'), 240, marketing)).toEqual(jst('2026-10-06T16:00'));
  });

  it('starts counting at the next opening when started after hours', () => {
    // Fri 20:00 is closed; Mon 10/12 holiday; Tue 10:00 + 60 = 11:00
    expect(addBusinessMinutes(jst('2026-10-09T20:00'), 60, callCenter)).toEqual(jst('2026-10-13T11:00'));
  });

  it('stops at the closing minute rather than the next opening', () => {
    expect(addBusinessMinutes(jst('2026-10-06T17:00'), 60, marketing)).toEqual(jst('2026-10-06T18:00'));
  });
});

describe('addBusinessDays (N営業日以内)', () => {
  it('Friday 18:30 before a Monday holiday, 2 business days → Wednesday close', () => {
    // Day 0 = Fri 10/9 (received before 19:00). Sat, Sun, Mon 10/12 スポーツの日 skipped.
    // Day 1 = Tue 10/13, day 2 = Wed 10/14 → 19:00 JST.
    expect(addBusinessDays(jst('2026-10-09T18:30'), 2, callCenter)).toEqual(jst('2026-10-14T19:00'));
  });

  it('after closing time the report counts as received the next business day', () => {
    // Fri 19:30 is after hours → day 0 = Tue 10/13; day 2 = Thu 10/15 → 19:00.
    expect(addBusinessDays(jst('2026-10-09T19:30'), 2, callCenter)).toEqual(jst('2026-10-15T19:00'));
  });

  it('before opening the same day is day 0', () => {
    // Tue 08:00 → day 0 Tue 10/13, day 1 Wed 10/14 → 19:00
    expect(addBusinessDays(jst('2026-10-13T08:00'), 1, callCenter)).toEqual(jst('2026-10-14T19:00'));
  });

  it('jumps the year-end closure', () => {
    // Day 0 = Fri 12/25; 12/26–1/4 closed or weekend; day 1 = Tue 1/5; day 2 = Wed 1/6 → 19:00
    expect(addBusinessDays(jst('2026-12-25T15:00'), 2, callCenter)).toEqual(jst('2027-01-06T19:00'));
  });

  it('ends at the last closing of a split day', () => {
    // Marketing closes at 18:00: day 0 = Tue 10/6, day 1 = Wed 10/7 → 18:00
    expect(addBusinessDays(jst('2026-10-06T12:30'), 1, marketing)).toEqual(jst('2026-10-07T18:00'));
  });
});
