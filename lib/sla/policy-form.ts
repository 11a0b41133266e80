// The console's policy form ↔ a policy. The form edits the main figures; everything else
// (labels, closures, windows, added groups) stays as stored and is edited in the JSON view.
// Field names are the policy's own paths, so a schema problem lands next to its field.
import type { z } from 'zod';
import type { FieldErrors } from '../errors';
import { SEVERITIES } from '../domain/statuses';
import { slaPolicySchema, type ResolveTarget, type SlaPolicy } from './policy';

export type FlatForm = Record<string, string | string[] | undefined>;

export const RESOLVE_KINDS = ['none', 'clock', 'business_minutes', 'business_days'] as const;

/** Nested form values (see lib/actions/form-values.ts) back to "a.b.c" names. */
export function flattenForm(values: unknown, prefix = '', out: FlatForm = {}): FlatForm {
  if (typeof values === 'string' || Array.isArray(values)) out[prefix] = values as string | string[];
  else if (values && typeof values === 'object') {
    for (const [key, value] of Object.entries(values)) flattenForm(value, prefix ? `${prefix}.${key}` : key, out);
  }
  return out;
}

const hoursText = (hours: SlaPolicy['supportCalendar']['hours']) => hours.map((h) => `${h.from}-${h.to}`).join(', ');

/** What the form shows for a policy. */
export function policyFormValues(policy: SlaPolicy): Record<string, string | string[]> {
  const values: Record<string, string | string[]> = {
    timeZone: policy.timeZone,
    'service.targetPercent': numberText(policy.service.targetPercent),
    'maintenance.noticeDays': String(policy.maintenance.noticeDays),
    'maintenance.stoppingGroups': policy.maintenance.stoppingGroups,
    firstNoticeTargetMinutes: numberText(policy.firstNoticeTargetMinutes),
    'supportCalendar.weekdays': policy.supportCalendar.weekdays.map(String),
    'supportCalendar.hours': hoursText(policy.supportCalendar.hours),
    'supportCalendar.closedOnPublicHolidays': policy.supportCalendar.closedOnPublicHolidays ? 'on' : '',
  };
  policy.functionGroups.forEach((g, i) => {
    values[`functionGroups.${i}.targetPercent`] = numberText(g.targetPercent);
    values[`functionGroups.${i}.partialOutageWeight`] = String(g.partialOutageWeight);
    values[`maintenance.maxDurationMinutes.${g.key}`] = numberText(policy.maintenance.maxDurationMinutes[g.key] ?? null);
  });
  policy.creditTiers.forEach((tier, i) => {
    values[`creditTiers.${i}.belowPercent`] = String(tier.belowPercent);
    values[`creditTiers.${i}.discountPercent`] = numberText(tier.discountPercent);
  });
  for (const severity of SEVERITIES) {
    const target = policy.resolveTargets[severity];
    values[`resolveTargets.${severity}.kind`] = target?.kind ?? 'none';
    values[`resolveTargets.${severity}.amount`] = target ? String(target.kind === 'business_days' ? target.days : target.minutes) : '';
  }
  return values;
}

function numberText(value: number | null): string {
  return value === null ? '' : String(value);
}

/**
 * Applies the submitted form to the stored policy and validates the result. Returns the new
 * policy, or per-field message keys (nothing half-applied).
 */
export function applyPolicyForm(current: SlaPolicy, form: FlatForm): { policy: SlaPolicy } | { errors: FieldErrors } {
  const errors: FieldErrors = {};
  const text = (name: string) => {
    const v = form[name];
    return (Array.isArray(v) ? v[0] : v)?.trim() ?? '';
  };
  const list = (name: string) => {
    const v = form[name];
    return v === undefined ? [] : Array.isArray(v) ? v : [v];
  };
  const number = (name: string, nullable: boolean): number | null => {
    const raw = text(name);
    if (raw === '' && nullable) return null;
    const n = Number(raw);
    if (raw === '' || !Number.isFinite(n)) (errors[name] ??= []).push(raw === '' ? 'required' : 'number');
    return n;
  };

  const hours = parseHours(text('supportCalendar.hours'));
  if (!hours) errors['supportCalendar.hours'] = ['hours_format'];
  const resolveTarget = (severity: (typeof SEVERITIES)[number]): ResolveTarget | null | Record<string, unknown> => {
    const kind = text(`resolveTargets.${severity}.kind`);
    if (kind === 'none') return null;
    const amount = number(`resolveTargets.${severity}.amount`, false);
    return kind === 'business_days' ? { kind, days: amount } : { kind, minutes: amount };
  };
  const maxDuration: Record<string, number> = { ...current.maintenance.maxDurationMinutes };
  for (const g of current.functionGroups) {
    const value = number(`maintenance.maxDurationMinutes.${g.key}`, true);
    if (value === null) delete maxDuration[g.key];
    else maxDuration[g.key] = value;
  }

  const candidate = {
    ...current,
    timeZone: text('timeZone'),
    service: { ...current.service, targetPercent: number('service.targetPercent', true) },
    functionGroups: current.functionGroups.map((g, i) => ({
      ...g,
      targetPercent: number(`functionGroups.${i}.targetPercent`, true),
      partialOutageWeight: number(`functionGroups.${i}.partialOutageWeight`, false),
    })),
    creditTiers: current.creditTiers.map((tier, i) => ({
      ...tier,
      belowPercent: number(`creditTiers.${i}.belowPercent`, false),
      discountPercent: number(`creditTiers.${i}.discountPercent`, true),
    })),
    maintenance: {
      ...current.maintenance,
      noticeDays: number('maintenance.noticeDays', false),
      maxDurationMinutes: maxDuration,
      stoppingGroups: list('maintenance.stoppingGroups'),
    },
    firstNoticeTargetMinutes: number('firstNoticeTargetMinutes', true),
    resolveTargets: { emergency: resolveTarget('emergency'), severe: resolveTarget('severe'), minor: resolveTarget('minor') },
    supportCalendar: {
      ...current.supportCalendar,
      weekdays: list('supportCalendar.weekdays').map(Number),
      hours: hours ?? current.supportCalendar.hours,
      closedOnPublicHolidays: text('supportCalendar.closedOnPublicHolidays') !== '',
    },
  };
  const parsed = slaPolicySchema.safeParse(candidate);
  if (parsed.success && Object.keys(errors).length === 0) return { policy: parsed.data };
  // Report every bad field at once; a field that could not be read keeps that first message.
  const schemaErrors = parsed.success ? {} : policyFieldErrors(parsed.error, formFieldOf);
  for (const [field, keys] of Object.entries(schemaErrors)) errors[field] ??= keys;
  return { errors };
}

/** "10:00-12:00, 13:00-18:00" → ranges; null when the text is not in that shape. */
export function parseHours(value: string): { from: string; to: string }[] | null {
  const parts = value.split(/[,、\s]+/).filter(Boolean);
  const ranges = parts.map((p) => /^(\d{1,2}:\d{2})\s*[-–~〜]\s*(\d{1,2}:\d{2})$/.exec(p));
  if (ranges.length === 0 || ranges.some((m) => !m)) return null;
  const pad = (t: string) => t.padStart(5, '0');
  return ranges.map((m) => ({ from: pad(m![1]), to: pad(m![2]) }));
}

/** Which form field shows a problem found at this policy path. */
function formFieldOf(path: readonly PropertyKey[]): string {
  const [head, second] = path.map(String);
  if (head === 'resolveTargets' && second) return path.length > 2 && path[2] === 'kind' ? `resolveTargets.${second}.kind` : `resolveTargets.${second}.amount`;
  if (head === 'supportCalendar' && ['hours', 'weekdays'].includes(second)) return `supportCalendar.${second}`;
  if (head === 'maintenance' && second === 'stoppingGroups') return 'maintenance.stoppingGroups';
  return path.map(String).join('.') || '_form';
}

/** Zod problems in a policy as catalog keys (messages/*\/sla.json "errors"), per field. */
export function policyFieldErrors(error: z.ZodError, fieldOf: (path: readonly PropertyKey[]) => string = (p) => p.map(String).join('.') || '_form'): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) (out[fieldOf(issue.path)] ??= []).push(policyIssueKey(issue));
  return out;
}

export function policyIssueKey(issue: z.core.$ZodIssue): string {
  const leaf = String(issue.path[issue.path.length - 1] ?? '');
  const keyLike = /^[a-z_]+$/.test(issue.message);
  switch (issue.code) {
    case 'custom':
    case 'invalid_format':
      return keyLike ? issue.message : 'invalid';
    case 'too_small':
    case 'too_big':
      if (/Percent$/.test(leaf)) return 'percent_range';
      if (leaf === 'partialOutageWeight') return 'weight_range';
      if (issue.origin === 'array') return issue.code === 'too_small' ? 'choose_at_least_one' : 'invalid';
      if (issue.origin === 'string') return 'required';
      return issue.code === 'too_small' && Number(issue.minimum) === 0 && !issue.inclusive ? 'positive_number' : 'whole_number';
    case 'invalid_type':
      // Zod leaves the input out of issues unless asked; its message names what was received.
      if (issue.expected === 'int') return 'whole_number';
      if (/received (undefined|null)$/.test(issue.message)) return 'required';
      return issue.expected === 'number' ? 'number' : 'invalid';
    case 'invalid_union':
    case 'invalid_value':
      return 'invalid_choice';
    default:
      return 'invalid';
  }
}
