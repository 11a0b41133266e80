import { TZDate } from '@date-fns/tz';
import { addDays, differenceInMilliseconds, max as latest, min as earliest } from 'date-fns';
import type { ComponentStatus } from '../domain/statuses';
import { worstStatus } from './overall';

export type StatusInterval = { status: ComponentStatus; from: Date; to: Date | null };

export type UptimeDay = {
  /** Calendar day in the page's time zone, YYYY-MM-DD. */
  date: string;
  noData: boolean;
  observedMinutes: number;
  downtimeMinutes: number;
  uptimePercent: number | null;
  worst: ComponentStatus | null;
};

export type UptimeBars = { days: UptimeDay[]; uptimePercent: number | null };

/** How much of a minute in each status counts as downtime on the public bars. */
export function downtimeWeight(status: ComponentStatus, partialOutageWeight: number): number {
  if (status === 'major_outage') return 1;
  if (status === 'partial_outage') return partialOutageWeight;
  return 0; // degraded performance and maintenance are not downtime on the public bars
}

/**
 * One bar per calendar day (in `timeZone`) for the `days` days ending today. Days before the
 * component existed have no data; today counts only up to `now`.
 */
export function uptimeBars(input: {
  intervals: readonly StatusInterval[];
  createdAt: Date;
  now: Date;
  timeZone: string;
  days?: number;
  partialOutageWeight: number;
}): UptimeBars {
  const { intervals, createdAt, now, timeZone, partialOutageWeight } = input;
  const dayCount = input.days ?? 90;
  const zonedNow = new TZDate(now, timeZone);
  const todayStart = new TZDate(zonedNow.getFullYear(), zonedNow.getMonth(), zonedNow.getDate(), timeZone);
  const days: UptimeDay[] = [];
  let observedTotal = 0;
  let downtimeTotal = 0;

  for (let offset = dayCount - 1; offset >= 0; offset--) {
    const dayStart = addDays(todayStart, -offset);
    const dayEnd = addDays(dayStart, 1);
    const windowStart = latest([dayStart, createdAt]);
    const windowEnd = earliest([dayEnd, now]);
    const date = formatDay(dayStart);
    if (windowEnd <= windowStart) {
      days.push({ date, noData: true, observedMinutes: 0, downtimeMinutes: 0, uptimePercent: null, worst: null });
      continue;
    }
    let downtime = 0;
    const seen: ComponentStatus[] = [];
    for (const interval of intervals) {
      const overlap = overlapMinutes(interval.from, interval.to ?? now, windowStart, windowEnd);
      if (overlap <= 0) continue;
      seen.push(interval.status);
      downtime += overlap * downtimeWeight(interval.status, partialOutageWeight);
    }
    const observed = differenceInMilliseconds(windowEnd, windowStart) / 60_000;
    observedTotal += observed;
    downtimeTotal += downtime;
    days.push({
      date,
      noData: false,
      observedMinutes: round1(observed),
      downtimeMinutes: round1(downtime),
      uptimePercent: percent(observed, downtime),
      worst: worstStatus(seen),
    });
  }
  return { days, uptimePercent: observedTotal > 0 ? percent(observedTotal, downtimeTotal) : null };
}

function overlapMinutes(aStart: Date, aEnd: Date, bStart: Date, bEnd: Date): number {
  const start = Math.max(aStart.getTime(), bStart.getTime());
  const end = Math.min(aEnd.getTime(), bEnd.getTime());
  return Math.max(0, end - start) / 60_000;
}

function percent(observed: number, downtime: number): number {
  return Math.round(((observed - downtime) / observed) * 100 * 1000) / 1000;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

function formatDay(day: TZDate): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${day.getFullYear()}-${pad(day.getMonth() + 1)}-${pad(day.getDate())}`;
}
