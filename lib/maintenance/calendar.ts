// The public month calendar as plain data: days in the page's time zone, each with the
// maintenance windows that touch it. A window across midnight appears on both days.
import { TZDate } from '@date-fns/tz';
import type { MaintenanceStatus } from '../domain/statuses';

export type MonthRef = { year: number; month: number };
export type MaintenancePhase = 'past' | 'ongoing' | 'upcoming' | 'cancelled';

export type CalendarEntry<T> = {
  item: T;
  phase: MaintenancePhase;
  /** Local "HH:mm" when the window starts (ends) on this day, null when it continues across. */
  startsAt: string | null;
  endsAt: string | null;
};

export type CalendarDay<T> = {
  /** Local date "YYYY-MM-DD" in the page's zone. */
  date: string;
  day: number;
  weekday: number;
  inMonth: boolean;
  isToday: boolean;
  entries: CalendarEntry<T>[];
};

const pad = (n: number) => String(n).padStart(2, '0');

export function monthKey(ref: MonthRef): string {
  return `${ref.year}-${pad(ref.month)}`;
}

/** ?month=YYYY-MM, or the current month in the page's zone for anything else. */
export function parseMonthParam(value: unknown, now: Date, timeZone: string): MonthRef {
  const match = typeof value === 'string' ? /^(\d{4})-(0[1-9]|1[0-2])$/.exec(value) : null;
  if (match && Number(match[1]) >= 1970 && Number(match[1]) <= 9999) return { year: Number(match[1]), month: Number(match[2]) };
  const local = new TZDate(now.getTime(), timeZone);
  return { year: local.getFullYear(), month: local.getMonth() + 1 };
}

export function shiftMonth(ref: MonthRef, delta: number): MonthRef {
  const index = ref.year * 12 + (ref.month - 1) + delta;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

/** Local date of an instant, "YYYY-MM-DD". */
export function localDate(at: Date, timeZone: string): string {
  const local = new TZDate(at.getTime(), timeZone);
  return `${local.getFullYear()}-${pad(local.getMonth() + 1)}-${pad(local.getDate())}`;
}

function localTime(at: Date, timeZone: string): string {
  const local = new TZDate(at.getTime(), timeZone);
  return `${pad(local.getHours())}:${pad(local.getMinutes())}`;
}

export function maintenancePhase(m: { status: MaintenanceStatus; scheduledEnd: Date }, now: Date): MaintenancePhase {
  if (m.status === 'cancelled') return 'cancelled';
  if (m.status === 'completed') return 'past';
  if (m.status === 'in_progress' || m.status === 'verifying') return 'ongoing';
  return m.scheduledEnd <= now ? 'past' : 'upcoming';
}

/** The instants the grid covers: from the Sunday before the 1st to after the Saturday after the last day. */
export function monthGridRange(ref: MonthRef, timeZone: string): { from: Date; to: Date } {
  const first = new TZDate(ref.year, ref.month - 1, 1, timeZone);
  const last = new TZDate(ref.year, ref.month, 0, timeZone);
  return {
    from: new Date(new TZDate(ref.year, ref.month - 1, 1 - first.getDay(), timeZone).getTime()),
    to: new Date(new TZDate(ref.year, ref.month - 1, last.getDate() + 7 - last.getDay(), timeZone).getTime()),
  };
}

/** The weeks (Sunday first) covering the month, with the days of the neighbouring months greyed. */
export function buildMonthGrid<T extends { status: MaintenanceStatus; scheduledStart: Date; scheduledEnd: Date }>(
  ref: MonthRef,
  timeZone: string,
  now: Date,
  items: readonly T[],
): CalendarDay<T>[][] {
  const first = new TZDate(ref.year, ref.month - 1, 1, timeZone);
  const monthEnd = new TZDate(ref.year, ref.month, 1, timeZone).getTime();
  const today = localDate(now, timeZone);
  const weeks: CalendarDay<T>[][] = [];
  let cursor = new TZDate(ref.year, ref.month - 1, 1 - first.getDay(), timeZone);
  while (weeks.length === 0 || cursor.getTime() < monthEnd) {
    const week: CalendarDay<T>[] = [];
    for (let i = 0; i < 7; i++) {
      const next = new TZDate(cursor.getFullYear(), cursor.getMonth(), cursor.getDate() + 1, timeZone);
      const date = localDate(cursor, timeZone);
      week.push({
        date,
        day: cursor.getDate(),
        weekday: cursor.getDay(),
        inMonth: cursor.getMonth() === ref.month - 1,
        isToday: date === today,
        entries: items
          .filter((m) => m.scheduledStart.getTime() < next.getTime() && m.scheduledEnd.getTime() > cursor.getTime())
          .map((m) => ({
            item: m,
            phase: maintenancePhase(m, now),
            startsAt: m.scheduledStart.getTime() >= cursor.getTime() ? localTime(m.scheduledStart, timeZone) : null,
            endsAt: m.scheduledEnd.getTime() <= next.getTime() ? localTime(m.scheduledEnd, timeZone) : null,
          })),
      });
      cursor = next;
    }
    weeks.push(week);
  }
  return weeks;
}
