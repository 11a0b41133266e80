// Per maintenance: was it announced early enough, planned inside the preferred window, and
// kept within the longest stop each function group accepts? Uptime reuses the notice and run rules.
import { TZDate } from '@date-fns/tz';
import type { PreferredWindow, SlaPolicy } from './policy';
import type { SlaMaintenance } from './inputs';
import { MS_PER_MINUTE, type Span } from './intervals';
import { localDayNumber } from './month';

export interface MaintenanceDurationCheck {
  functionGroup: string;
  maxMinutes: number | null;
  scheduledMinutes: number;
  actualMinutes: number | null;
  plannedWithinMax: boolean | null;
  actualWithinMax: boolean | null;
}

export interface MaintenanceCheck {
  maintenanceId: string;
  title: string;
  status: SlaMaintenance['status'];
  announcedAt: Date;
  scheduledStart: Date;
  scheduledEnd: Date;
  /** When it really ran (defaults filled from the schedule); null if it never ran. */
  ranFrom: Date | null;
  ranUntil: Date | null;
  noticeDays: number;
  requiredNoticeDays: number;
  lateNotice: boolean;
  /** null when the policy names no preferred window. */
  insidePreferredWindow: boolean | null;
  overrunMinutes: number;
  durations: MaintenanceDurationCheck[];
}

/**
 * The time a maintenance actually stopped things. Missing actual times are filled from the
 * schedule when the system runs it on schedule (autoComplete) or it was marked completed;
 * one still in progress without autoComplete runs until `asOf`.
 */
export function maintenanceRun(m: SlaMaintenance, policy: SlaPolicy, asOf: Date): Span | null {
  if (m.status === 'cancelled') return null;
  const autoComplete = m.autoComplete ?? policy.maintenance.autoComplete;
  if (!m.actualStart && m.status === 'scheduled' && !autoComplete) return null;
  const start = (m.actualStart ?? m.scheduledStart).getTime();
  const plannedEnd = autoComplete || m.status === 'completed' ? m.scheduledEnd.getTime() : asOf.getTime();
  const end = Math.min(m.actualEnd?.getTime() ?? plannedEnd, asOf.getTime());
  return start < end ? { start, end } : null;
}

/** Calendar days between announcement and start in the policy's zone ("2週間前までに" is a date). */
export function noticeDaysGiven(m: SlaMaintenance, policy: SlaPolicy): number {
  return localDayNumber(m.scheduledStart, policy.timeZone) - localDayNumber(m.announcedAt, policy.timeZone);
}

export function isNoticeOnTime(m: SlaMaintenance, policy: SlaPolicy): boolean {
  return m.announcedAt <= m.scheduledStart && noticeDaysGiven(m, policy) >= policy.maintenance.noticeDays;
}

/** The occurrence of a recurring window that contains `at`, if any. */
function windowOccurrence(at: number, window: PreferredWindow, timeZone: string): Span | null {
  const local = new TZDate(at, timeZone);
  const period = window.kind === 'weekly' ? 7 : 1;
  const [from, to] = window.kind === 'weekly' ? [window.from.time, window.to.time] : [window.from, window.to];
  const instant = (dayOffset: number, time: string) => {
    const [h, m] = time.split(':').map(Number);
    return new TZDate(local.getFullYear(), local.getMonth(), local.getDate() + dayOffset, h, m, timeZone).getTime();
  };
  let startOffset = window.kind === 'weekly' ? -((local.getDay() - window.from.weekday + 7) % 7) : 0;
  if (instant(startOffset, from) > at) startOffset -= period;
  let length = window.kind === 'weekly' ? (window.to.weekday - window.from.weekday + 7) % 7 : 0;
  if (length === 0 && to <= from) length = period;
  const occurrence = { start: instant(startOffset, from), end: instant(startOffset + length, to) };
  return at < occurrence.end ? occurrence : null;
}

export function insidePreferredWindow(start: Date, end: Date, policy: SlaPolicy): boolean | null {
  const windows = policy.maintenance.preferredWindows;
  if (windows.length === 0) return null;
  return windows.some((w) => {
    const occurrence = windowOccurrence(start.getTime(), w, policy.timeZone);
    return occurrence !== null && end.getTime() <= occurrence.end;
  });
}

/**
 * Whether maintenance stops a component: yes unless its function group is one of the policy's
 * and the policy promises that group stays up during maintenance (seed 000: all but calling).
 */
export function stopsDuringMaintenance(policy: SlaPolicy, group: string | null | undefined): boolean {
  if (!group || !policy.functionGroups.some((g) => g.key === group)) return true;
  return policy.maintenance.stoppingGroups.includes(group);
}

/** Function groups a maintenance stops: in its scope and allowed by the policy to stop. */
export function stoppedGroups(m: SlaMaintenance, policy: SlaPolicy, groupOf: ReadonlyMap<string, string | null>): string[] {
  const groups = new Set<string>();
  for (const id of m.componentIds) {
    const group = groupOf.get(id);
    if (group && policy.maintenance.stoppingGroups.includes(group)) groups.add(group);
  }
  return policy.functionGroups.map((g) => g.key).filter((key) => groups.has(key));
}

export function checkMaintenance(
  m: SlaMaintenance,
  policy: SlaPolicy,
  groupOf: ReadonlyMap<string, string | null>,
  asOf: Date,
): MaintenanceCheck {
  const run = maintenanceRun(m, policy, asOf);
  const scheduledMinutes = (m.scheduledEnd.getTime() - m.scheduledStart.getTime()) / MS_PER_MINUTE;
  const actualMinutes = run ? (run.end - run.start) / MS_PER_MINUTE : null;
  const within = (minutes: number | null, max: number | null) => (minutes === null || max === null ? null : minutes <= max);
  return {
    maintenanceId: m.id,
    title: m.title,
    status: m.status,
    announcedAt: m.announcedAt,
    scheduledStart: m.scheduledStart,
    scheduledEnd: m.scheduledEnd,
    ranFrom: run ? new Date(run.start) : null,
    ranUntil: run ? new Date(run.end) : null,
    noticeDays: noticeDaysGiven(m, policy),
    requiredNoticeDays: policy.maintenance.noticeDays,
    lateNotice: !isNoticeOnTime(m, policy),
    insidePreferredWindow: insidePreferredWindow(m.scheduledStart, m.scheduledEnd, policy),
    overrunMinutes: run ? Math.max(0, run.end - m.scheduledEnd.getTime()) / MS_PER_MINUTE : 0,
    durations: stoppedGroups(m, policy, groupOf).map((functionGroup) => {
      const maxMinutes = policy.maintenance.maxDurationMinutes[functionGroup] ?? null;
      return {
        functionGroup,
        maxMinutes,
        scheduledMinutes,
        actualMinutes,
        plannedWithinMax: within(scheduledMinutes, maxMinutes),
        actualWithinMax: within(actualMinutes, maxMinutes),
      };
    }),
  };
}
