// The console's scheduling form (FormData as plain values) → the maintenance services' input.
// Shape checks stay in the services; this only reads wall-clock inputs in the page's zone.
import { z } from 'zod';
import { localInputToInstant } from './local-time';

const text = z.string().default('');

export const maintenanceForm = z.object({
  id: z.string().optional(),
  title: text,
  titleEn: text,
  body: text,
  bodyEn: text,
  scheduledStart: text,
  scheduledEnd: text,
  expectedDowntimeMinutes: text,
  componentIds: z.array(z.string()).default([]),
});
export type MaintenanceFormValues = z.output<typeof maintenanceForm>;

/** An unreadable time becomes an invalid one, so the service reports it next to its field. */
function instant(value: string, timeZone: string): string {
  return localInputToInstant(value, timeZone)?.toISOString() ?? 'invalid';
}

export function maintenanceInputFromForm(values: MaintenanceFormValues, timeZone: string) {
  return {
    ...(values.id ? { id: values.id } : {}),
    title: values.title,
    titleEn: values.titleEn,
    body: values.body,
    bodyEn: values.bodyEn,
    scheduledStart: instant(values.scheduledStart, timeZone),
    scheduledEnd: instant(values.scheduledEnd, timeZone),
    expectedDowntimeMinutes: values.expectedDowntimeMinutes.trim() === '' ? undefined : values.expectedDowntimeMinutes,
    componentIds: values.componentIds,
  };
}

// The detail page shows several of these forms at once, so each names its text fields apart.
export const postUpdateForm = z.object({ id: z.string().default(''), body: text, bodyEn: text });

/** Start early or complete: an optional note instead of the standard sentence. */
export const transitionForm = z
  .object({ id: z.string().default(''), note: text, noteEn: text })
  .transform((v) => ({ id: v.id, body: v.note, bodyEn: v.noteEn }));

/** Cancelling notifies every subscriber in scope: the operator ticks a box to confirm. */
export const cancelForm = z
  .object({
    id: z.string().default(''),
    reason: text,
    reasonEn: text,
    confirm: z
      .string()
      .default('')
      .refine((v) => v === 'on', { message: 'confirm_required' }),
  })
  .transform((v) => ({ id: v.id, body: v.reason, bodyEn: v.reasonEn }));
