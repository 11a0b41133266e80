// An SLA policy is data per service, edited by admins: the engine never hard-codes a figure from a
// contract (the two seed contracts are starting points in ./templates.ts). Labels are bilingual
// because they are part of the data customers signed.
import { z } from 'zod';
import { COMPONENT_STATUSES } from '../domain/statuses';

const label = z.object({ ja: z.string().min(1), en: z.string().min(1) });
/** Wall-clock time in the policy's zone; "24:00" closes a range at midnight. */
const clockTime = z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'time_format');
/** Recurring calendar day, e.g. "12-28". */
const monthDay = z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'month_day_format');
/** 0 = Sunday … 6 = Saturday, as Date#getDay. */
const weekday = z.number().int().min(0).max(6);

/** What counts as downtime unless a function group says otherwise. */
export const DEFAULT_DOWNTIME_STATUSES = ['major_outage', 'partial_outage', 'under_maintenance'] as const;

const functionGroupSchema = z.object({
  key: z.string().min(1),
  label,
  /** null: the group is reported but carries no promise of its own. */
  targetPercent: z.number().min(0).max(100).nullable(),
  /** Statuses during which the group's function cannot be used. */
  downtimeStatuses: z.array(z.enum(COMPONENT_STATUSES)).default([...DEFAULT_DOWNTIME_STATUSES]),
  /** Share of a partial_outage minute counted as downtime (1 = a whole minute). */
  partialOutageWeight: z.number().min(0).max(1).default(1),
});

const creditTierSchema = z.object({
  /** "service" or a function group key: which uptime figure the tier judges. */
  appliesTo: z.string().min(1),
  /** Credit is due when uptime is strictly below this (the seeds say "98%未満"). */
  belowPercent: z.number().min(0).max(100),
  /** null when the contract states the credit in words only. */
  discountPercent: z.number().min(0).max(100).nullable(),
  description: label,
});

const hourRange = z
  .object({ from: clockTime, to: clockTime })
  .refine((r) => r.from < r.to, { message: 'from_before_to', path: ['to'] });

const preferredWindowSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('daily'), from: clockTime, to: clockTime }),
  z.object({
    kind: z.literal('weekly'),
    from: z.object({ weekday, time: clockTime }),
    to: z.object({ weekday, time: clockTime }),
  }),
]);

const resolveTargetSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('clock'), minutes: z.number().positive() }),
  z.object({ kind: z.literal('business_minutes'), minutes: z.number().positive() }),
  z.object({ kind: z.literal('business_days'), days: z.number().int().min(0) }),
]);

const supportCalendarSchema = z.object({
  weekdays: z.array(weekday).min(1).default([1, 2, 3, 4, 5]),
  hours: z.array(hourRange).min(1),
  closedOnPublicHolidays: z.boolean().default(true),
  /** Inclusive; a range whose start is after its end wraps the new year (12-28 → 01-04). */
  closures: z.array(z.object({ from: monthDay, to: monthDay, label })).default([]),
  /**
   * How "N business days" reads: until the close of the Nth business day after the report's
   * day ("end_of_nth_day"), or N × one business day's opening hours from the report ("n_day_hours").
   */
  businessDayReading: z.enum(['end_of_nth_day', 'n_day_hours']).default('end_of_nth_day'),
});

const maintenanceRulesSchema = z.object({
  /** Calendar days between the announcement and the start, counted in the policy's zone. */
  noticeDays: z.number().int().min(0),
  preferredWindows: z.array(preferredWindowSchema).default([]),
  /** Longest stop one maintenance may cause, per function group key. */
  maxDurationMinutes: z.record(z.string(), z.number().positive()).default({}),
  /** Function groups whose functions stop while maintenance runs; others promise to stay up. */
  stoppingGroups: z.array(z.string()),
  /**
   * End the maintenance at its scheduled end even if the work goes on. Off unless the policy says
   * so: otherwise an overrun would be hidden (shown as done, never counted as downtime).
   */
  autoComplete: z.boolean().default(false),
  reminderOffsetsMinutes: z.array(z.number().int().min(0)).default([7 * 24 * 60, 24 * 60, 0]),
});

export const slaPolicySchema = z
  .object({
    timeZone: z.string().default('Asia/Tokyo'),
    service: z.object({ label, targetPercent: z.number().min(0).max(100).nullable() }),
    functionGroups: z.array(functionGroupSchema),
    creditTiers: z.array(creditTierSchema).default([]),
    maintenance: maintenanceRulesSchema,
    /** null: the contract promises prompt notice without a figure. */
    firstNoticeTargetMinutes: z.number().positive().nullable(),
    resolveTargets: z.object({
      emergency: resolveTargetSchema.nullable(),
      severe: resolveTargetSchema.nullable(),
      minor: resolveTargetSchema.nullable(),
    }),
    supportCalendar: supportCalendarSchema,
    /** Causes the contract excludes from the SLA, in its own words (shown with the report's rules). */
    exclusions: z.array(label).default([]),
  })
  // Messages are catalog keys (messages/*/sla.json "errors") with the path of the offending
  // field, so the console can say what is wrong next to it in the user's language.
  .superRefine((policy, ctx) => {
    const keys = new Set<string>();
    policy.functionGroups.forEach((group, i) => {
      const path = ['functionGroups', i, 'key'];
      if (group.key === 'service') ctx.addIssue({ code: 'custom', message: 'reserved_group_key', path });
      else if (keys.has(group.key)) ctx.addIssue({ code: 'custom', message: 'duplicate_group_key', path });
      keys.add(group.key);
    });
    policy.creditTiers.forEach((tier, i) => {
      if (tier.appliesTo !== 'service' && !keys.has(tier.appliesTo))
        ctx.addIssue({ code: 'custom', message: 'unknown_function_group', path: ['creditTiers', i, 'appliesTo'] });
    });
    policy.maintenance.stoppingGroups.forEach((key, i) => {
      if (!keys.has(key))
        ctx.addIssue({ code: 'custom', message: 'unknown_function_group', path: ['maintenance', 'stoppingGroups', i] });
    });
    for (const key of Object.keys(policy.maintenance.maxDurationMinutes)) {
      if (!keys.has(key))
        ctx.addIssue({ code: 'custom', message: 'unknown_function_group', path: ['maintenance', 'maxDurationMinutes', key] });
    }
    const hours = [...policy.supportCalendar.hours].sort((a, b) => (a.from < b.from ? -1 : 1));
    if (hours.some((r, i) => i > 0 && r.from < hours[i - 1].to))
      ctx.addIssue({ code: 'custom', message: 'hours_overlap', path: ['supportCalendar', 'hours'] });
    try {
      new Intl.DateTimeFormat('en', { timeZone: policy.timeZone });
    } catch {
      ctx.addIssue({ code: 'custom', message: 'unknown_time_zone', path: ['timeZone'] });
    }
  });

export type SlaPolicy = z.output<typeof slaPolicySchema>;
export type SlaPolicyInput = z.input<typeof slaPolicySchema>;
export type CreditTier = SlaPolicy['creditTiers'][number];
export type PreferredWindow = SlaPolicy['maintenance']['preferredWindows'][number];
export type ResolveTarget = NonNullable<SlaPolicy['resolveTargets']['minor']>;
export type SupportCalendar = SlaPolicy['supportCalendar'];

/**
 * For a service without a stored policy (or one that no longer validates): no uptime promise,
 * the two-week notice the product asks for by default, weekday support 10:00–19:00.
 */
export function defaultSlaPolicy(timeZone: string): SlaPolicy {
  return slaPolicySchema.parse({
    timeZone,
    service: { label: { ja: 'サービス全体', en: 'Whole service' }, targetPercent: null },
    functionGroups: [],
    maintenance: { noticeDays: 14, stoppingGroups: [] },
    firstNoticeTargetMinutes: null,
    resolveTargets: { emergency: null, severe: null, minor: null },
    supportCalendar: { hours: [{ from: '10:00', to: '19:00' }] },
  } satisfies SlaPolicyInput);
}
