import { z } from 'zod';
import { COMPONENT_STATUSES } from '../../domain/statuses';

/**
 * `pages.settings.alerts`: which label names the component (its value is matched against
 * components.alert_key), which label carries the severity and what status each severity sets,
 * and whether incidents opened by alerts are published at once or kept as drafts.
 */
export const alertSettingsSchema = z.object({
  componentLabel: z.string().min(1).default('component'),
  severityLabel: z.string().min(1).default('severity'),
  severityStatus: z
    .record(z.string(), z.enum(COMPONENT_STATUSES))
    .default({ critical: 'major_outage', warning: 'partial_outage' }),
  /** For alerts whose severity is missing or not in the map. */
  defaultStatus: z.enum(COMPONENT_STATUSES).default('partial_outage'),
  publishIncidents: z.boolean().default(false),
});
export type AlertSettings = z.output<typeof alertSettingsSchema>;

/** The page's alert settings with defaults; a malformed entry falls back to the defaults. */
export function alertSettings(pageSettings: Record<string, unknown>): AlertSettings {
  const parsed = alertSettingsSchema.safeParse(pageSettings.alerts ?? {});
  return parsed.success ? parsed.data : alertSettingsSchema.parse({});
}
