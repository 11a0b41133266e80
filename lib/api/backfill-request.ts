import { TZDate } from '@date-fns/tz';
import type { Impact, Severity } from '../domain/statuses';
import { ServiceError } from '../errors';
import type { PageRow } from '../pages/context';
import type { ServiceContext } from '../services/context';
import { backfillIncident } from '../services/incidents/backfill';

// Statuspage's `backfilled` + `backfill_date`: an incident recorded after the fact. Shirase also
// takes `started_at` and `resolved_at` (exact times). Anything it cannot honour for a past
// incident is refused by name rather than dropped.

/** The fields of a manage API incident request this file reads (see ./incident-requests.ts). */
type IncidentRequest = {
  name?: string;
  name_en?: string;
  status?: string;
  impact_override?: Impact;
  component_ids?: string[];
  components?: Record<string, string>;
  deliver_notifications?: boolean;
  published?: boolean;
  scheduled_for?: string;
  scheduled_until?: string;
  expected_downtime_minutes?: number;
  backfill_date?: string;
  started_at?: string;
  resolved_at?: string;
};

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** "2026-11-02" → that day's 00:00 in the page's zone; anything else must be an instant. */
function backfillInstant(value: string, timeZone: string): Date | string {
  const day = DAY.exec(value);
  if (!day) return value;
  const [year, month, date] = [Number(day[1]), Number(day[2]) - 1, Number(day[3])];
  const check = new Date(Date.UTC(year, month, date));
  if (check.getUTCMonth() !== month || check.getUTCDate() !== date) return 'invalid';
  return new TZDate(year, month, date, 0, 0, timeZone);
}

/** Only a backfill can say when an incident ended or on which day it happened. */
export function refuseHistoryWithoutBackfill(i: IncidentRequest): void {
  const fields: Record<string, string[]> = {};
  if (i.backfill_date !== undefined) fields['incident.backfill_date'] = ['backfill_only'];
  if (i.resolved_at !== undefined) fields['incident.resolved_at'] = ['backfill_only'];
  if (Object.keys(fields).length) throw new ServiceError('invalid', 'invalid_input', fields);
}

export async function backfillFromRequest(
  ctx: ServiceContext,
  page: PageRow,
  i: IncidentRequest,
  defaults: { severity: Severity; body: { body: string; bodyEn: string | null } },
): Promise<{ id: string }> {
  const fields: Record<string, string[]> = {};
  // A past incident is over, public, and told to nobody; it cannot rewrite past statuses.
  if (i.status !== undefined && i.status !== 'resolved') fields['incident.status'] = ['backfill_resolved_only'];
  if (i.components !== undefined) fields['incident.components'] = ['backfill_no_statuses'];
  if (i.deliver_notifications === true) fields['incident.deliver_notifications'] = ['not_with_backfill'];
  if (i.published === false) fields['incident.published'] = ['not_with_backfill'];
  for (const key of ['scheduled_for', 'scheduled_until', 'expected_downtime_minutes'] as const) {
    if (i[key] !== undefined) fields[`incident.${key}`] = ['not_with_backfill'];
  }
  if (i.backfill_date === undefined && i.started_at === undefined) fields['incident.backfill_date'] = ['required'];
  const day = i.backfill_date === undefined ? undefined : backfillInstant(i.backfill_date, page.timeZone);
  if (day !== undefined && Number.isNaN(new Date(day).getTime())) fields['incident.backfill_date'] = ['invalid_time'];
  if (Object.keys(fields).length) throw new ServiceError('invalid', 'invalid_input', fields);
  const startedAt = i.started_at ?? day!;
  return backfillIncident({
    ctx,
    input: {
      title: i.name ?? '',
      titleEn: i.name_en,
      severity: defaults.severity,
      impact: i.impact_override,
      ...defaults.body,
      componentIds: i.component_ids ?? [],
      startedAt,
      resolvedAt: i.resolved_at ?? startedAt,
    },
  });
}
