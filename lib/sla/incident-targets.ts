// Per incident: how long until customers were told, and until it was resolved, each against
// the policy's target. Both clocks start at detection (障害検知から), not at the failure's start.
import type { Severity } from '../domain/statuses';
import type { ResolveTarget, SlaPolicy } from './policy';
import type { SlaDelivery, SlaIncident } from './inputs';
import {
  addBusinessDays,
  addBusinessMinutes,
  businessDayMinutes,
  businessMinutesBetween,
  type BusinessCalendar,
} from './business-time';
import { MS_PER_MINUTE } from './intervals';

/** pending: not done yet and its deadline has not passed at `asOf`. */
export type TargetVerdict = 'met' | 'missed' | 'pending' | 'no_target';

export interface FirstNoticeCheck {
  targetMinutes: number | null;
  deadline: Date | null;
  firstNoticeAt: Date | null;
  /** Clock minutes from detection to the first notice. */
  elapsedMinutes: number | null;
  verdict: TargetVerdict;
}

export interface ResolveCheck {
  target: ResolveTarget | null;
  deadline: Date | null;
  /** Minutes on the target's own clock: wall-clock for "clock", opening hours otherwise. */
  elapsedMinutes: number | null;
  elapsedClock: 'clock' | 'business';
  verdict: TargetVerdict;
}

export interface IncidentTargetCheck {
  incidentId: string;
  title: string;
  severity: Severity;
  slaExcluded: boolean;
  exclusionReason: string | null;
  /** Set when a person entered or corrected the detection time (the clocks start there). */
  detectedAtEnteredBy: string | null;
  backfilledBy: string | null;
  detectedAt: Date;
  resolvedAt: Date | null;
  firstNotice: FirstNoticeCheck;
  resolve: ResolveCheck;
}

/** Earliest proof of notice per incident: a delivery that was really sent. */
export function firstSentDeliveryByIncident(deliveries: readonly SlaDelivery[]): Map<string, Date> {
  const first = new Map<string, Date>();
  for (const d of deliveries) {
    if (d.status !== 'sent' || !d.sentAt || !d.incidentId) continue;
    const known = first.get(d.incidentId);
    if (!known || d.sentAt.getTime() < known.getTime()) first.set(d.incidentId, d.sentAt);
  }
  return first;
}

function verdictOf(doneAt: Date | null, deadline: Date | null, asOf: Date): TargetVerdict {
  if (!deadline) return 'no_target';
  if (doneAt) return doneAt <= deadline ? 'met' : 'missed';
  return asOf > deadline ? 'missed' : 'pending';
}

export function resolveDeadline(detectedAt: Date, target: ResolveTarget, cal: BusinessCalendar): Date {
  switch (target.kind) {
    case 'clock':
      return new Date(detectedAt.getTime() + target.minutes * MS_PER_MINUTE);
    case 'business_minutes':
      return addBusinessMinutes(detectedAt, target.minutes, cal);
    case 'business_days':
      return cal.businessDayReading === 'n_day_hours'
        ? addBusinessMinutes(detectedAt, target.days * businessDayMinutes(cal), cal)
        : addBusinessDays(detectedAt, target.days, cal);
  }
}

function minutesBetween(a: Date, b: Date): number {
  return (b.getTime() - a.getTime()) / MS_PER_MINUTE;
}

export function checkIncidentTargets(
  incident: SlaIncident,
  firstDeliveryAt: Date | null,
  policy: SlaPolicy,
  cal: BusinessCalendar,
  asOf: Date,
): IncidentTargetCheck {
  const { detectedAt, resolvedAt } = incident;
  // A public post and a sent message both prove customers were told; the earlier one counts.
  const candidates = [firstDeliveryAt, incident.firstPublicPostAt].filter((d): d is Date => d !== null);
  const firstNoticeAt = candidates.length ? new Date(Math.min(...candidates.map((d) => d.getTime()))) : null;
  const noticeTarget = policy.firstNoticeTargetMinutes;
  const noticeDeadline = noticeTarget === null ? null : new Date(detectedAt.getTime() + noticeTarget * MS_PER_MINUTE);

  const target = policy.resolveTargets[incident.severity];
  const elapsedClock = !target || target.kind === 'clock' ? 'clock' : 'business';
  const resolveDue = target ? resolveDeadline(detectedAt, target, cal) : null;
  const elapsedResolve =
    resolvedAt === null
      ? null
      : elapsedClock === 'clock'
        ? minutesBetween(detectedAt, resolvedAt)
        : businessMinutesBetween(detectedAt, resolvedAt, cal);

  return {
    incidentId: incident.id,
    title: incident.title,
    severity: incident.severity,
    slaExcluded: incident.slaExcluded,
    exclusionReason: incident.exclusionReason,
    detectedAtEnteredBy: incident.detectedAtEnteredBy ?? null,
    backfilledBy: incident.backfilledBy ?? null,
    detectedAt,
    resolvedAt,
    firstNotice: {
      targetMinutes: noticeTarget,
      deadline: noticeDeadline,
      firstNoticeAt,
      elapsedMinutes: firstNoticeAt ? minutesBetween(detectedAt, firstNoticeAt) : null,
      verdict: verdictOf(firstNoticeAt, noticeDeadline, asOf),
    },
    resolve: {
      target,
      deadline: resolveDue,
      elapsedMinutes: elapsedResolve,
      elapsedClock,
      verdict: verdictOf(resolvedAt, resolveDue, asOf),
    },
  };
}
