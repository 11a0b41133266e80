import { describe, expect, it } from 'vitest';
import { applyPolicyForm, flattenForm, parseHours, policyFormValues } from './policy-form';
import { callCenterPolicy, marketingPolicy } from './policy';

const submit = (changes: Record<string, string | string[]>) => applyPolicyForm(marketingPolicy, { ...policyFormValues(marketingPolicy), ...changes });

describe('the policy form', () => {
  it('round-trips both seed policies unchanged', () => {
    for (const policy of [callCenterPolicy, marketingPolicy]) expect(applyPolicyForm(policy, policyFormValues(policy))).toEqual({ policy });
  });

  it('applies the main figures and keeps what the form does not show', () => {
    const result = submit({
      'functionGroups.1.targetPercent': '99.5',
      'service.targetPercent': '',
      'maintenance.noticeDays': '7',
      'maintenance.maxDurationMinutes.consumer': '',
      'resolveTargets.minor.kind': 'business_days',
      'resolveTargets.minor.amount': '2',
      'resolveTargets.severe.kind': 'business_minutes',
      'resolveTargets.severe.amount': '240',
      'supportCalendar.hours': '9:30-12:00、13:00〜18:00',
      'supportCalendar.closedOnPublicHolidays': '',
    });
    if (!('policy' in result)) throw new Error(JSON.stringify(result.errors));
    const { policy } = result;
    expect(policy.functionGroups.map((g) => g.targetPercent)).toEqual([99, 99.5]);
    expect(policy.functionGroups[1].label).toEqual(marketingPolicy.functionGroups[1].label);
    expect(policy.service.targetPercent).toBeNull();
    expect(policy.maintenance).toMatchObject({ noticeDays: 7, maxDurationMinutes: { client: 480 }, preferredWindows: marketingPolicy.maintenance.preferredWindows });
    expect(policy.resolveTargets).toEqual({ emergency: null, severe: { kind: 'business_minutes', minutes: 240 }, minor: { kind: 'business_days', days: 2 } });
    expect(policy.supportCalendar).toMatchObject({ hours: [{ from: '09:30', to: '12:00' }, { from: '13:00', to: '18:00' }], closedOnPublicHolidays: false, closures: marketingPolicy.supportCalendar.closures });
  });

  it('names each bad field with a catalog key and applies nothing', () => {
    expect(
      submit({
        'functionGroups.0.targetPercent': '101',
        'functionGroups.1.partialOutageWeight': 'half',
        'maintenance.noticeDays': '1.5',
        firstNoticeTargetMinutes: '0',
        'resolveTargets.emergency.kind': 'clock',
        'resolveTargets.emergency.amount': '',
      }),
    ).toEqual({
      errors: {
        'functionGroups.1.partialOutageWeight': ['number'],
        'resolveTargets.emergency.amount': ['required'],
        'functionGroups.0.targetPercent': ['percent_range'],
        'maintenance.noticeDays': ['whole_number'],
        firstNoticeTargetMinutes: ['positive_number'],
      },
    });
    expect(submit({ 'functionGroups.0.targetPercent': '101', 'maintenance.noticeDays': '1.5', firstNoticeTargetMinutes: '0' })).toEqual({
      errors: { 'functionGroups.0.targetPercent': ['percent_range'], 'maintenance.noticeDays': ['whole_number'], firstNoticeTargetMinutes: ['positive_number'] },
    });
    expect(submit({ timeZone: 'Mars/Olympus', 'maintenance.stoppingGroups': ['client', 'billing'] })).toEqual({
      errors: { timeZone: ['unknown_time_zone'], 'maintenance.stoppingGroups': ['unknown_function_group'] },
    });
    expect(submit({ 'supportCalendar.hours': '10:00-13:00, 12:00-18:00', 'supportCalendar.weekdays': [] })).toEqual({
      errors: { 'supportCalendar.hours': ['hours_overlap'], 'supportCalendar.weekdays': ['choose_at_least_one'] },
    });
    expect(submit({ 'supportCalendar.hours': '18:00-10:00' })).toEqual({ errors: { 'supportCalendar.hours': ['from_before_to'] } });
    expect(submit({ 'supportCalendar.hours': 'mornings' })).toEqual({ errors: { 'supportCalendar.hours': ['hours_format'] } });
    expect(submit({ 'resolveTargets.minor.kind': 'weeks', 'resolveTargets.minor.amount': '1' })).toEqual({ errors: { 'resolveTargets.minor.kind': ['invalid_choice'] } });
  });

  it('reads nested form values and loose hour notations', () => {
    expect(flattenForm({ serviceId: 'x', functionGroups: { 0: { targetPercent: '99' } }, a: ['1', '2'] })).toEqual({ serviceId: 'x', 'functionGroups.0.targetPercent': '99', a: ['1', '2'] });
    expect(parseHours('10:00-19:00')).toEqual([{ from: '10:00', to: '19:00' }]);
    expect(parseHours('')).toBeNull();
  });
});
