import { z } from 'zod';
import { ServiceError, type FieldErrors } from '../../errors';

// Issue messages are keys under "errors" in messages/<locale>/maintenance.json, so the form
// shows each next to its field in the operator's language.
const requiredText = (max: number) =>
  z.string({ error: 'required' }).trim().min(1, { error: 'required' }).max(max, { error: 'too_long' });
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: 'too_long' })
    .nullish()
    .transform((v) => (v ? v : null));
const instant = z.coerce.date({ error: 'invalid_time' }).refine((d) => !Number.isNaN(d.getTime()), { error: 'invalid_time' });

export const maintenanceId = z.uuid({ error: 'not_found' });

/** A malformed id names no maintenance: the same answer as an unknown one. */
export function parseMaintenanceId(input: unknown): string {
  const result = maintenanceId.safeParse(input);
  if (!result.success) throw new ServiceError('not_found', 'maintenance_not_found');
  return result.data;
}

export const maintenanceFields = z
  .object({
    title: requiredText(200),
    titleEn: optionalText(200),
    body: requiredText(5000),
    bodyEn: optionalText(5000),
    scheduledStart: instant,
    scheduledEnd: instant,
    expectedDowntimeMinutes: z.coerce
      .number({ error: 'invalid_minutes' })
      .int({ error: 'invalid_minutes' })
      .min(0, { error: 'invalid_minutes' })
      .max(14 * 24 * 60, { error: 'invalid_minutes' }),
    componentIds: z
      .array(z.uuid({ error: 'unknown_component' }), { error: 'scope_required' })
      .min(1, { error: 'scope_required' }),
  })
  .superRefine((v, ctx) => {
    if (v.scheduledEnd <= v.scheduledStart) ctx.addIssue({ code: 'custom', path: ['scheduledEnd'], message: 'end_before_start' });
    const windowMinutes = (v.scheduledEnd.getTime() - v.scheduledStart.getTime()) / 60_000;
    if (v.expectedDowntimeMinutes > windowMinutes && windowMinutes > 0)
      ctx.addIssue({ code: 'custom', path: ['expectedDowntimeMinutes'], message: 'downtime_longer_than_window' });
  })
  .transform((v) => ({ ...v, componentIds: [...new Set(v.componentIds)] }));

export type MaintenanceFieldsInput = z.input<typeof maintenanceFields>;

/** An optional public message with a transition (start, complete, cancel). */
export const transitionInput = z.object({ id: maintenanceId, body: optionalText(5000), bodyEn: optionalText(5000) });

export const postUpdateInput = z.object({ id: maintenanceId, body: requiredText(5000), bodyEn: optionalText(5000) });

/** zod → ServiceError('invalid') with per-field message keys; nothing is written. */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fieldErrors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = issue.path.length ? String(issue.path[0]) : '_form';
    const key = /^[a-z_]+$/.test(issue.message) ? issue.message : 'invalid_value';
    const keys = (fieldErrors[field] ??= []);
    if (!keys.includes(key)) keys.push(key);
  }
  if (fieldErrors.id) throw new ServiceError('not_found', 'maintenance_not_found');
  throw new ServiceError('invalid', 'invalid_input', fieldErrors);
}
