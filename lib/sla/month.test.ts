import { describe, expect, it } from 'vitest';
import { monthOf, monthPeriod, spreadOverPeriods } from './month';

describe('monthPeriod', () => {
  it('is the calendar month in the zone', () => {
    const october = monthPeriod('2026-10', 'Asia/Tokyo');
    expect(october.start.toISOString()).toBe('2026-09-30T15:00:00.000Z');
    expect(october.end.toISOString()).toBe('2026-10-31T15:00:00.000Z');
    expect(october.daysInMonth).toBe(31);
    expect(monthPeriod('2028-02', 'Asia/Tokyo').daysInMonth).toBe(29);
    expect(() => monthPeriod('2026-13', 'Asia/Tokyo')).toThrow(RangeError);
  });

  it('names the month of an instant in the zone', () => {
    // 2026-10-31T15:30Z is 11/01 00:30 JST.
    expect(monthOf(new Date('2026-10-31T15:30:00Z'), 'Asia/Tokyo')).toBe('2026-11');
    expect(monthOf(new Date('2026-10-31T15:30:00Z'), 'UTC')).toBe('2026-10');
  });
});

describe('spreadOverPeriods', () => {
  it('puts each item in every month it overlaps, open items in all later ones', () => {
    const periods = ['2026-12', '2026-10', '2026-11'].map((m) => monthPeriod(m, 'Asia/Tokyo'));
    const jst = (s: string) => new Date(`${s}:00+09:00`);
    const items = [
      { name: 'october', from: jst('2026-10-05T10:00'), to: jst('2026-10-05T11:00') },
      { name: 'spans-midnight', from: jst('2026-10-31T23:30'), to: jst('2026-11-01T01:00') },
      { name: 'open', from: jst('2026-11-20T00:00'), to: null },
      { name: 'september', from: jst('2026-09-01T00:00'), to: jst('2026-10-01T00:00') },
    ];
    const buckets = spreadOverPeriods(items, periods, (i) => i).map((b) => b.map((i) => i.name));
    expect(buckets).toEqual([['open'], ['october', 'spans-midnight'], ['spans-midnight', 'open']]);
  });
});
