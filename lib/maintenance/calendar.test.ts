import { describe, expect, it } from 'vitest';
import { buildMonthGrid, localDate, maintenancePhase, monthGridRange, parseMonthParam, shiftMonth } from './calendar';

const jst = (local: string) => new Date(`${local}+09:00`);
const item = (
  id: string,
  start: Date,
  end: Date,
  status: 'scheduled' | 'in_progress' | 'completed' | 'cancelled' = 'scheduled',
) => ({
  id,
  status,
  scheduledStart: start,
  scheduledEnd: end,
});

describe('month calendar', () => {
  it('places a 01:00 JST window on its JST day, not the UTC day before', () => {
    const early = item('a', jst('2026-12-10T01:00:00'), jst('2026-12-10T03:00:00'));
    const days = buildMonthGrid({ year: 2026, month: 12 }, 'Asia/Tokyo', jst('2026-12-01T12:00:00'), [early]).flat();
    expect(days.filter((d) => d.entries.length).map((d) => [d.date, d.entries[0].startsAt, d.entries[0].endsAt])).toEqual([
      ['2026-12-10', '01:00', '03:00'],
    ]);
  });

  it('shows a window across midnight on both days, open-ended on each side', () => {
    const overnight = item('b', jst('2026-12-04T22:00:00'), jst('2026-12-05T02:00:00'));
    const days = buildMonthGrid({ year: 2026, month: 12 }, 'Asia/Tokyo', jst('2026-12-01T12:00:00'), [overnight]).flat();
    expect(days.filter((d) => d.entries.length).map((d) => [d.date, d.entries[0].startsAt, d.entries[0].endsAt])).toEqual([
      ['2026-12-04', '22:00', null],
      ['2026-12-05', null, '02:00'],
    ]);
  });

  it('lays December 2026 out in five Sunday-first weeks with neighbouring days greyed and today marked', () => {
    const weeks = buildMonthGrid({ year: 2026, month: 12 }, 'Asia/Tokyo', jst('2026-12-24T23:59:00'), []);
    expect(weeks).toHaveLength(5);
    expect(weeks[0][0]).toMatchObject({ date: '2026-11-29', inMonth: false, weekday: 0 });
    expect(weeks[0][2]).toMatchObject({ date: '2026-12-01', inMonth: true, day: 1 });
    expect(weeks[4][6]).toMatchObject({ date: '2027-01-02', inMonth: false });
    expect(
      weeks
        .flat()
        .filter((d) => d.isToday)
        .map((d) => d.date),
    ).toEqual(['2026-12-24']);
    expect(monthGridRange({ year: 2026, month: 12 }, 'Asia/Tokyo')).toEqual({
      from: jst('2026-11-29T00:00:00'),
      to: jst('2027-01-03T00:00:00'),
    });
  });

  it('reads ?month strictly and moves across years', () => {
    const now = jst('2027-01-01T00:30:00');
    expect(parseMonthParam('2026-02', now, 'Asia/Tokyo')).toEqual({ year: 2026, month: 2 });
    expect(parseMonthParam('2026-13', now, 'Asia/Tokyo')).toEqual({ year: 2027, month: 1 });
    expect(parseMonthParam(['2026-02'], now, 'Asia/Tokyo')).toEqual({ year: 2027, month: 1 });
    expect(parseMonthParam(undefined, now, 'UTC')).toEqual({ year: 2026, month: 12 });
    expect(shiftMonth({ year: 2026, month: 12 }, 1)).toEqual({ year: 2027, month: 1 });
    expect(shiftMonth({ year: 2026, month: 1 }, -1)).toEqual({ year: 2025, month: 12 });
    expect(localDate(new Date('2026-12-09T16:30:00Z'), 'Asia/Tokyo')).toBe('2026-12-10');
  });

  it('tells past, ongoing, upcoming and cancelled apart', () => {
    const now = jst('2026-12-05T00:00:00');
    const end = jst('2026-12-05T02:00:00');
    expect(maintenancePhase({ status: 'scheduled', scheduledEnd: end }, now)).toBe('upcoming');
    expect(maintenancePhase({ status: 'in_progress', scheduledEnd: end }, now)).toBe('ongoing');
    expect(maintenancePhase({ status: 'completed', scheduledEnd: end }, now)).toBe('past');
    expect(maintenancePhase({ status: 'cancelled', scheduledEnd: end }, now)).toBe('cancelled');
  });
});
