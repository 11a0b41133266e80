import { describe, expect, it } from 'vitest';
import { slaPolicySchema } from './policy';
import { callCenterPolicy, marketingPolicy } from './templates';
import { creditFor } from './credits';

describe('slaPolicySchema', () => {
  it('round-trips both example policies through JSON (as stored in sla_policies.policy)', () => {
    for (const policy of [callCenterPolicy, marketingPolicy]) {
      expect(slaPolicySchema.parse(JSON.parse(JSON.stringify(policy)))).toEqual(policy);
    }
  });

  it('fills defaults', () => {
    expect(marketingPolicy.functionGroups[0].downtimeStatuses).toEqual(['major_outage', 'partial_outage', 'under_maintenance']);
    expect(marketingPolicy.maintenance.reminderOffsetsMinutes).toEqual([10_080, 1_440, 0]);
    expect(callCenterPolicy.supportCalendar.weekdays).toEqual([1, 2, 3, 4, 5]);
    // An overrun is never hidden unless the policy says the system may close the maintenance.
    expect([callCenterPolicy, marketingPolicy].map((p) => p.maintenance.autoComplete)).toEqual([false, false]);
  });

  it('rejects rules that name unknown function groups, bad times and overlapping hours', () => {
    const bad = (change: object) => slaPolicySchema.safeParse({ ...marketingPolicy, ...change }).success;
    expect(bad({ maintenance: { ...marketingPolicy.maintenance, stoppingGroups: ['billing'] } })).toBe(false);
    expect(bad({ timeZone: 'Mars/Olympus' })).toBe(false);
    expect(
      bad({
        supportCalendar: {
          ...marketingPolicy.supportCalendar,
          hours: [
            { from: '10:00', to: '13:00' },
            { from: '12:00', to: '18:00' },
          ],
        },
      }),
    ).toBe(false);
    expect(bad({ supportCalendar: { ...marketingPolicy.supportCalendar, hours: [{ from: '9:00', to: '18:00' }] } })).toBe(false);
  });
});

describe('credit tiers', () => {
  const tiered = slaPolicySchema.parse({
    ...callCenterPolicy,
    creditTiers: [
      { appliesTo: 'service', belowPercent: 99, discountPercent: 10, description: { ja: '10%割引', en: '10% off' } },
      { appliesTo: 'service', belowPercent: 95, discountPercent: 25, description: { ja: '25%割引', en: '25% off' } },
    ],
  });

  it('picks the deepest tier reached; the threshold itself is not below it', () => {
    expect(creditFor(99, 'service', tiered)).toEqual({ due: false, tier: null });
    expect(creditFor(98.5, 'service', tiered).tier?.discountPercent).toBe(10);
    expect(creditFor(94.9, 'service', tiered).tier?.discountPercent).toBe(25);
    expect(creditFor(94.9, 'calling', tiered).due).toBe(false);
  });
});
