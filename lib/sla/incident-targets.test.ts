import { describe, expect, it } from 'vitest';
import { slaPolicySchema } from './policy';
import { callCenterPolicy, marketingPolicy } from './templates';
import { businessCalendarOf } from './business-time';
import { checkIncidentTargets, firstSentDeliveryByIncident } from './incident-targets';
import type { SlaIncident } from './inputs';

const jst = (local: string) => new Date(`${local}:00+09:00`);

const incident = (over: Partial<SlaIncident> & Pick<SlaIncident, 'severity' | 'detectedAt'>): SlaIncident => ({
  id: 'inc',
  title: '録音が再生できない',
  startedAt: over.detectedAt,
  resolvedAt: null,
  firstPublicPostAt: null,
  slaExcluded: false,
  exclusionKind: null,
  exclusionReason: null,
  componentIds: ['calling'],
  ...over,
});

const callCenter = businessCalendarOf(callCenterPolicy);

describe('first notice', () => {
  it('takes the earlier of the first sent delivery and the public post', () => {
    // Detected 10:00; failed delivery at 10:05 does not count; post 10:20; sent 10:40 → 20 min ≤ 60 → met.
    const deliveries = firstSentDeliveryByIncident([
      { incidentId: 'inc', status: 'failed', sentAt: jst('2026-10-06T10:05') },
      { incidentId: 'inc', status: 'sent', sentAt: jst('2026-10-06T10:40') },
      { incidentId: 'other', status: 'sent', sentAt: jst('2026-10-06T09:00') },
    ]);
    const result = checkIncidentTargets(
      incident({ severity: 'severe', detectedAt: jst('2026-10-06T10:00'), firstPublicPostAt: jst('2026-10-06T10:20') }),
      deliveries.get('inc') ?? null,
      callCenterPolicy,
      callCenter,
      jst('2026-10-07T00:00'),
    );
    expect(result.firstNotice.firstNoticeAt).toEqual(jst('2026-10-06T10:20'));
    expect(result.firstNotice.elapsedMinutes).toBe(20);
    expect(result.firstNotice.deadline).toEqual(jst('2026-10-06T11:00'));
    expect(result.firstNotice.verdict).toBe('met');
  });

  it('is missed when nothing went out by the deadline, pending before it', () => {
    const open = incident({ severity: 'emergency', detectedAt: jst('2026-10-06T10:00') });
    expect(checkIncidentTargets(open, null, callCenterPolicy, callCenter, jst('2026-10-06T10:30')).firstNotice.verdict).toBe(
      'pending',
    );
    expect(checkIncidentTargets(open, null, callCenterPolicy, callCenter, jst('2026-10-06T11:01')).firstNotice.verdict).toBe(
      'missed',
    );
    // 61 minutes after detection is one minute late.
    expect(
      checkIncidentTargets(open, jst('2026-10-06T11:01'), callCenterPolicy, callCenter, jst('2026-10-07T00:00')).firstNotice
        .verdict,
    ).toBe('missed');
  });

  it('has no verdict when the policy sets no figure', () => {
    const cal = businessCalendarOf(marketingPolicy);
    const result = checkIncidentTargets(
      incident({ severity: 'minor', detectedAt: jst('2026-10-06T10:00') }),
      null,
      marketingPolicy,
      cal,
      jst('2026-11-01T00:00'),
    );
    expect(result.firstNotice.verdict).toBe('no_target');
    expect(result.resolve.verdict).toBe('no_target');
  });
});

describe('time to resolve', () => {
  it('emergency: 2 clock hours, night or not', () => {
    // Detected Sat 02:00 → deadline 04:00; resolved 03:50 = 110 clock minutes → met.
    const result = checkIncidentTargets(
      incident({ severity: 'emergency', detectedAt: jst('2026-10-10T02:00'), resolvedAt: jst('2026-10-10T03:50') }),
      null,
      callCenterPolicy,
      callCenter,
      jst('2026-10-11T00:00'),
    );
    expect(result.resolve.deadline).toEqual(jst('2026-10-10T04:00'));
    expect(result.resolve.elapsedClock).toBe('clock');
    expect(result.resolve.elapsedMinutes).toBe(110);
    expect(result.resolve.verdict).toBe('met');
  });

  it('minor opened Friday 18:30 before a Monday holiday is due Wednesday', () => {
    // 2 business days: day 0 Fri 10/9, Mon 10/12 スポーツの日, day 1 Tue, day 2 Wed 10/14 → 19:00.
    // Resolved Wed 18:00: business minutes = Fri 30 + Tue 540 + Wed 480 = 1,050 → met.
    const result = checkIncidentTargets(
      incident({ severity: 'minor', detectedAt: jst('2026-10-09T18:30'), resolvedAt: jst('2026-10-14T18:00') }),
      null,
      callCenterPolicy,
      callCenter,
      jst('2026-10-31T00:00'),
    );
    expect(result.resolve.deadline).toEqual(jst('2026-10-14T19:00'));
    expect(result.resolve.elapsedClock).toBe('business');
    expect(result.resolve.elapsedMinutes).toBe(1050);
    expect(result.resolve.verdict).toBe('met');
    // Resolved Thursday morning instead → missed.
    const late = checkIncidentTargets(
      incident({ severity: 'minor', detectedAt: jst('2026-10-09T18:30'), resolvedAt: jst('2026-10-15T10:30') }),
      null,
      callCenterPolicy,
      callCenter,
      jst('2026-10-31T00:00'),
    );
    expect(late.resolve.verdict).toBe('missed');
  });

  it('severe in business time across the lunch break', () => {
    // Policy: severe = 240 business minutes on the 10:00–12:00 + 13:00–18:00 calendar.
    // Detected Tue 11:00: 11:00–12:00 = 60, lunch skipped, 13:00 + 180 → deadline 16:00.
    // Resolved 15:30: 60 + 150 = 210 business minutes → met (270 clock minutes would have missed).
    const policy = slaPolicySchema.parse({
      ...marketingPolicy,
      resolveTargets: { ...marketingPolicy.resolveTargets, severe: { kind: 'business_minutes', minutes: 240 } },
    });
    const result = checkIncidentTargets(
      incident({ severity: 'severe', detectedAt: jst('2026-10-06T11:00'), resolvedAt: jst('2026-10-06T15:30') }),
      null,
      policy,
      businessCalendarOf(policy),
      jst('2026-10-31T00:00'),
    );
    expect(result.resolve.deadline).toEqual(jst('2026-10-06T16:00'));
    expect(result.resolve.elapsedMinutes).toBe(210);
    expect(result.resolve.verdict).toBe('met');
  });

  it('minor across the year-end closure', () => {
    // Detected Fri 12/25 15:00 → day 0 Fri, closed 12/26–1/4, day 1 Tue 1/5, day 2 Wed 1/6 → 19:00.
    // Still open at asOf 1/6 12:00 → pending; at 1/6 19:01 → missed.
    const open = incident({ severity: 'minor', detectedAt: jst('2026-12-25T15:00') });
    const pending = checkIncidentTargets(open, null, callCenterPolicy, callCenter, jst('2027-01-06T12:00'));
    expect(pending.resolve.deadline).toEqual(jst('2027-01-06T19:00'));
    expect(pending.resolve.verdict).toBe('pending');
    expect(checkIncidentTargets(open, null, callCenterPolicy, callCenter, jst('2027-01-06T19:01')).resolve.verdict).toBe(
      'missed',
    );
  });
});

describe('reading "N business days" (a policy option, issue 14)', () => {
  // CTI: desk 10:00–19:00 (540 min), minor incidents 2 business days. Reported Monday 2026-10-05 11:00.
  const reported = incident({ severity: 'minor', detectedAt: jst('2026-10-05T11:00'), resolvedAt: jst('2026-10-07T12:00') });
  const deadlineWith = (reading: 'end_of_nth_day' | 'n_day_hours') => {
    const policy = slaPolicySchema.parse({
      ...callCenterPolicy,
      supportCalendar: { ...callCenterPolicy.supportCalendar, businessDayReading: reading },
    });
    return checkIncidentTargets(reported, null, policy, businessCalendarOf(policy), jst('2026-10-31T00:00')).resolve;
  };

  it('by default, until close of business on the second business day after the day of the report', () => {
    expect(callCenterPolicy.supportCalendar.businessDayReading).toBe('end_of_nth_day');
    expect(deadlineWith('end_of_nth_day')).toMatchObject({ deadline: jst('2026-10-07T19:00'), verdict: 'met' });
  });

  it('or 2 × 540 business minutes from the report: Tuesday 20:00 is after hours, so Wednesday 11:00', () => {
    // Mon 11:00–19:00 = 480, Tue 10:00–19:00 = 540 (1,020), Wed 10:00 + 60 = 1,080 → Wed 11:00; resolved 12:00 → missed.
    expect(deadlineWith('n_day_hours')).toMatchObject({ deadline: jst('2026-10-07T11:00'), verdict: 'missed' });
  });
});
