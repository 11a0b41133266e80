// Calendar days and months in the service's time zone: October in Tokyo starts at
// 2026-09-30T15:00Z, and an outage at 23:30 JST on the 31st belongs to October.
import { TZDate, tzOffset } from '@date-fns/tz';
import { addMonths, getDaysInMonth } from 'date-fns';
import { MS_PER_MINUTE } from './intervals';

export const MS_PER_DAY = 86_400_000;

export interface MonthPeriod {
  /** "YYYY-MM" */
  month: string;
  start: Date;
  end: Date;
  daysInMonth: number;
}

export function monthPeriod(month: string, timeZone: string): MonthPeriod {
  const match = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(month);
  if (!match) throw new RangeError(`month must look like 2026-10, got "${month}"`);
  const start = new TZDate(Number(match[1]), Number(match[2]) - 1, 1, timeZone);
  return {
    month,
    start: new Date(start.getTime()),
    end: new Date(addMonths(start, 1).getTime()),
    daysInMonth: getDaysInMonth(start),
  };
}

export function monthOf(at: Date, timeZone: string): string {
  const local = new TZDate(at.getTime(), timeZone);
  return `${local.getFullYear()}-${String(local.getMonth() + 1).padStart(2, '0')}`;
}

/**
 * Sorts items into the periods they overlap, so a year of status rows is read once for twelve
 * months instead of twelve times. An item with no end overlaps every later period.
 */
export function spreadOverPeriods<T>(
  items: readonly T[],
  periods: readonly MonthPeriod[],
  spanOf: (item: T) => { from: Date; to: Date | null },
): T[][] {
  const buckets: T[][] = periods.map(() => []);
  const order = periods.map((_, i) => i).sort((a, b) => periods[a].start.getTime() - periods[b].start.getTime());
  const starts = order.map((i) => periods[i].start.getTime());
  const ends = order.map((i) => periods[i].end.getTime());
  for (const item of items) {
    const { from, to } = spanOf(item);
    const start = from.getTime();
    const end = to ? to.getTime() : Infinity;
    // First period (by start) whose end is after the item's start.
    let lo = 0;
    let hi = order.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ends[mid] <= start) lo = mid + 1;
      else hi = mid;
    }
    for (let k = lo; k < order.length && starts[k] < end; k++) buckets[order[k]].push(item);
  }
  return buckets;
}

/**
 * The local calendar day of an instant, numbered like epoch days (Date.UTC(y, m, d) / day), so
 * "the next day" and "days between" are integer arithmetic; the offset comes from @date-fns/tz.
 */
export function localDayNumber(at: Date | number, timeZone: string): number {
  const t = typeof at === 'number' ? at : at.getTime();
  return Math.floor((t + offsetMinutes(t, timeZone) * MS_PER_MINUTE) / MS_PER_DAY);
}

/**
 * Asking Intl for an offset is the slow part of zone maths, and offsets change a couple of
 * times a year at most: one answer per UTC day serves every instant that day, except on
 * a day when the zone changes offset, where each instant is asked for.
 */
const offsetByUtcDay = new Map<string, Map<number, number>>();
function offsetMinutes(t: number, timeZone: string): number {
  let byDay = offsetByUtcDay.get(timeZone);
  if (!byDay) offsetByUtcDay.set(timeZone, (byDay = new Map()));
  const day = Math.floor(t / MS_PER_DAY);
  let offset = byDay.get(day);
  if (offset === undefined) {
    const atStart = tzOffset(timeZone, new Date(day * MS_PER_DAY));
    const atEnd = tzOffset(timeZone, new Date((day + 1) * MS_PER_DAY - 1));
    byDay.set(day, (offset = atStart === atEnd ? atStart : NaN));
  }
  return Number.isNaN(offset) ? tzOffset(timeZone, new Date(t)) : offset;
}
