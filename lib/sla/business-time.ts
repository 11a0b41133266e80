// Business-calendar maths in the policy's time zone: the support desk's opening hours minus
// weekends, Japanese public holidays (@holiday-jp/holiday_jp) and recurring closures.
import holidayJp from '@holiday-jp/holiday_jp';
import { TZDate } from '@date-fns/tz';
import type { SlaPolicy, SupportCalendar } from './policy';
import { MS_PER_MINUTE, type Span } from './intervals';
import { MS_PER_DAY, localDayNumber } from './month';

export interface BusinessCalendar extends SupportCalendar {
  timeZone: string;
}

/** A calendar open on no day would loop forever; ten years of scanning means it is broken. */
const MAX_SCAN_DAYS = 3_660;

const calendarOfPolicy = new WeakMap<SlaPolicy, BusinessCalendar>();
const openingsCache = new WeakMap<BusinessCalendar, Map<number, Span[]>>();

export function businessCalendarOf(policy: SlaPolicy): BusinessCalendar {
  let calendar = calendarOfPolicy.get(policy);
  if (!calendar) {
    calendar = { ...policy.supportCalendar, timeZone: policy.timeZone };
    calendarOfPolicy.set(policy, calendar);
  }
  return calendar;
}

function calendarDate(dayNumber: number): { year: number; month: number; day: number; weekday: number; iso: string } {
  const d = new Date(dayNumber * MS_PER_DAY);
  const iso = d.toISOString().slice(0, 10);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth(), day: d.getUTCDate(), weekday: d.getUTCDay(), iso };
}

function isClosedFor(iso: string, cal: BusinessCalendar): boolean {
  if (cal.closedOnPublicHolidays && Object.hasOwn(holidayJp.holidays, iso)) return true;
  const monthDay = iso.slice(5);
  return cal.closures.some((c) =>
    c.from <= c.to ? monthDay >= c.from && monthDay <= c.to : monthDay >= c.from || monthDay <= c.to,
  );
}

/** The day's opening hours as instants, earliest first; empty when the desk is closed all day. */
function openings(dayNumber: number, cal: BusinessCalendar): Span[] {
  let byDay = openingsCache.get(cal);
  if (!byDay) openingsCache.set(cal, (byDay = new Map()));
  const cached = byDay.get(dayNumber);
  if (cached) return cached;
  const { year, month, day, weekday, iso } = calendarDate(dayNumber);
  const open = cal.weekdays.includes(weekday) && !isClosedFor(iso, cal);
  const at = (time: string) => {
    const [h, m] = time.split(':').map(Number);
    return new TZDate(year, month, day, h, m, cal.timeZone).getTime();
  };
  const spans = open ? cal.hours.map((r) => ({ start: at(r.from), end: at(r.to) })).sort((a, b) => a.start - b.start) : [];
  byDay.set(dayNumber, spans);
  return spans;
}

function nextBusinessDay(dayNumber: number, cal: BusinessCalendar): number {
  for (let d = dayNumber + 1; d <= dayNumber + MAX_SCAN_DAYS; d++) if (openings(d, cal).length > 0) return d;
  throw new Error('support calendar has no business day within ten years');
}

/** Whether the local day containing `at` is a working day for the support desk. */
export function isBusinessDay(at: Date, cal: BusinessCalendar): boolean {
  return openings(localDayNumber(at, cal.timeZone), cal).length > 0;
}

/** Whether the desk is open at this instant (a range's start is open, its end closed). */
export function isBusinessMoment(at: Date, cal: BusinessCalendar): boolean {
  const t = at.getTime();
  return openings(localDayNumber(t, cal.timeZone), cal).some((s) => t >= s.start && t < s.end);
}

/** Opening-hour minutes in [a, b): lunch breaks, nights, holidays and closures add nothing. */
export function businessMinutesBetween(a: Date, b: Date, cal: BusinessCalendar): number {
  const from = a.getTime();
  const to = b.getTime();
  if (to <= from) return 0;
  let ms = 0;
  const lastDay = localDayNumber(to, cal.timeZone);
  for (let d = localDayNumber(from, cal.timeZone); d <= lastDay; d++) {
    for (const s of openings(d, cal)) ms += Math.max(0, Math.min(s.end, to) - Math.max(s.start, from));
  }
  return ms / MS_PER_MINUTE;
}

/** The instant when `minutes` of opening hours have passed since `start`. */
export function addBusinessMinutes(start: Date, minutes: number, cal: BusinessCalendar): Date {
  let left = minutes * MS_PER_MINUTE;
  const from = start.getTime();
  const firstDay = localDayNumber(from, cal.timeZone);
  for (let d = firstDay; d <= firstDay + MAX_SCAN_DAYS; d++) {
    for (const s of openings(d, cal)) {
      const begin = Math.max(s.start, from);
      if (begin >= s.end) continue;
      if (begin + left <= s.end) return new Date(begin + left);
      left -= s.end - begin;
    }
  }
  throw new Error('support calendar has no business time within ten years');
}

/**
 * "Within N business days" (N営業日以内) as a Japanese support desk means it: the day a report
 * arrives is day 0 if it arrives on a business day before closing time, otherwise day 0 is the
 * next business day (after-hours reports count as received next morning). The deadline is the
 * closing time of the Nth business day after day 0. Friday 18:30 with Monday a holiday → Wednesday
 * close of business.
 */
export function addBusinessDays(start: Date, n: number, cal: BusinessCalendar): Date {
  const t = start.getTime();
  let day = localDayNumber(t, cal.timeZone);
  const today = openings(day, cal);
  if (today.length === 0 || t >= today[today.length - 1].end) day = nextBusinessDay(day, cal);
  for (let k = 0; k < n; k++) day = nextBusinessDay(day, cal);
  const hours = openings(day, cal);
  return new Date(hours[hours.length - 1].end);
}

/** One business day's opening minutes (10:00–19:00 → 540): the unit of "N × a day's hours". */
export function businessDayMinutes(cal: Pick<SupportCalendar, 'hours'>): number {
  const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3));
  return cal.hours.reduce((sum, h) => sum + minutesOf(h.to) - minutesOf(h.from), 0);
}
