import { describe, expect, it } from 'vitest';
import { policyFieldErrors } from './policy-form';
import { slaPolicySchema } from './policy';
import { callCenterPolicy, marketingPolicy } from './templates';

// Loosely typed: the test breaks fields in ways the schema's type forbids.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Policy = Record<string, any>;

/** The console editor posts the whole policy: a field left empty is null, unreadable text stays text. */
function problems(change: (policy: Policy) => void) {
  const policy = structuredClone(marketingPolicy) as Policy;
  change(policy);
  const parsed = slaPolicySchema.safeParse(policy);
  return parsed.success ? {} : policyFieldErrors(parsed.error);
}

describe('policy problems by field', () => {
  it('finds none in either template', () => {
    for (const policy of [callCenterPolicy, marketingPolicy]) expect(slaPolicySchema.safeParse(policy).success).toBe(true);
  });

  it('names each bad field by its path with a catalogue key', () => {
    expect(
      problems((p) => {
        p.functionGroups[0].targetPercent = 101;
        p.functionGroups[1].partialOutageWeight = 'half';
        p.maintenance.noticeDays = 1.5;
        p.firstNoticeTargetMinutes = 0;
        p.resolveTargets.emergency = { kind: 'clock', minutes: null };
      }),
    ).toEqual({
      'functionGroups.0.targetPercent': ['percent_range'],
      'functionGroups.1.partialOutageWeight': ['number'],
      'maintenance.noticeDays': ['whole_number'],
      firstNoticeTargetMinutes: ['positive_number'],
      'resolveTargets.emergency.minutes': ['required'],
    });
    expect(
      problems((p) => {
        p.timeZone = 'Mars/Olympus';
        p.maintenance.stoppingGroups = ['client', 'billing'];
      }),
    ).toEqual({ timeZone: ['unknown_time_zone'], 'maintenance.stoppingGroups.1': ['unknown_function_group'] });
    expect(
      problems((p) => {
        p.supportCalendar.hours = [
          { from: '10:00', to: '13:00' },
          { from: '12:00', to: '18:00' },
        ];
        p.supportCalendar.weekdays = [];
      }),
    ).toEqual({ 'supportCalendar.hours': ['hours_overlap'], 'supportCalendar.weekdays': ['choose_at_least_one'] });
    expect(problems((p) => (p.supportCalendar.hours = [{ from: '18:00', to: '10:00' }]))).toEqual({
      'supportCalendar.hours.0.to': ['from_before_to'],
    });
    expect(problems((p) => (p.supportCalendar.closures[0].from = '12/28'))).toEqual({
      'supportCalendar.closures.0.from': ['month_day_format'],
    });
    expect(problems((p) => (p.resolveTargets.minor = { kind: 'weeks', days: 1 }))).toEqual({
      'resolveTargets.minor.kind': ['invalid_choice'],
    });
    // A renamed key leaves the rules that named the old one pointing nowhere: each is named.
    expect(problems((p) => (p.functionGroups[1].key = 'client'))).toEqual({
      'functionGroups.1.key': ['duplicate_group_key'],
      'maintenance.stoppingGroups.1': ['unknown_function_group'],
      'maintenance.maxDurationMinutes.consumer': ['unknown_function_group'],
    });
  });
});
