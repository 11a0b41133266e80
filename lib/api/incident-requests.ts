import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { components, incidents, maintenances } from '../../db/schema';
import { IMPACTS, type ComponentStatus, type Impact, type Severity } from '../domain/statuses';
import { ServiceError } from '../errors';
import { t } from '../i18n/messages';
import type { PageRow } from '../pages/context';
import type { ServiceContext } from '../services/context';
import { parseInput } from '../services/parse-input';
import { refuseUnknownFields } from './route';
import { editIncident } from '../services/incidents/edit';
import { openIncident } from '../services/incidents/open';
import { postIncidentUpdate } from '../services/incidents/post-update';
import { resolveIncident } from '../services/incidents/resolve';
import { completeMaintenance } from '../services/maintenances/complete';
import { postMaintenanceUpdate } from '../services/maintenances/post-update';
import { scheduleMaintenance } from '../services/maintenances/schedule';
import { startMaintenance } from '../services/maintenances/start';
import { backfillFromRequest, refuseHistoryWithoutBackfill } from './backfill-request';

// Statuspage's manage API request shapes, translated to Shirase's services (the same verbs the
// console uses, so notices, evidence and audit rows are identical). Field names that are not
// Statuspage's (name_en, body_en, severity, published, expected_downtime_minutes) are extensions.

const text = z.string().trim();
export const incidentRequest = z.object({
  incident: z.object(
    {
      name: text.optional(),
      name_en: text.optional(),
      status: z.string().optional(),
      impact_override: z.enum(IMPACTS).optional(),
      severity: z.enum(['emergency', 'severe', 'minor']).optional(),
      body: text.optional(),
      body_en: text.optional(),
      component_ids: z.array(z.string()).optional(),
      components: z.record(z.string(), z.string()).optional(),
      deliver_notifications: z.boolean().optional(),
      published: z.boolean().optional(),
      scheduled_for: z.string().optional(),
      scheduled_until: z.string().optional(),
      expected_downtime_minutes: z.number().optional(),
      backfilled: z.boolean().optional(),
      /** "YYYY-MM-DD" (the day in the page's zone) or an ISO instant. */
      backfill_date: z.string().optional(),
      started_at: z.string().optional(),
      resolved_at: z.string().optional(),
    },
    { error: 'incident_wrapper' },
  ),
});
export type IncidentRequest = z.output<typeof incidentRequest>['incident'];

const KNOWN_FIELDS = new Set(Object.keys(incidentRequest.shape.incident.shape));
const HISTORY_FIELDS = ['backfilled', 'backfill_date', 'started_at', 'resolved_at'] as const;

/**
 * The request's `incident`, refusing any field this API would otherwise drop without a word
 * (a misspelt or unsupported Statuspage field): 422 naming each one, nothing changed.
 */
export function parseIncidentRequest(body: unknown, use: 'create' | 'update'): IncidentRequest {
  refuseUnknownFields(body, 'incident', [...KNOWN_FIELDS]);
  const given = body && typeof body === 'object' ? (body as { incident?: unknown }).incident : undefined;
  // A past time can be set when an incident is created, not moved by a later update.
  const moved = use === 'update' && given && typeof given === 'object' ? HISTORY_FIELDS.filter((key) => key in given) : [];
  if (moved.length)
    throw new ServiceError(
      'invalid',
      'invalid_input',
      Object.fromEntries(moved.map((key) => [`incident.${key}`, ['create_only']])),
    );
  return parseInput(incidentRequest, body).incident;
}

/** Service field → the Statuspage field the caller sent, for error messages. */
export const INCIDENT_FIELD_NAMES = {
  title: 'incident.name',
  titleEn: 'incident.name_en',
  body: 'incident.body',
  bodyEn: 'incident.body_en',
  status: 'incident.status',
  severity: 'incident.severity',
  impact: 'incident.impact_override',
  components: 'incident.components',
  componentIds: 'incident.component_ids',
  scheduledStart: 'incident.scheduled_for',
  scheduledEnd: 'incident.scheduled_until',
  expectedDowntimeMinutes: 'incident.expected_downtime_minutes',
  startedAt: 'incident.started_at',
  detectedAt: 'incident.started_at',
  resolvedAt: 'incident.resolved_at',
  incident: 'incident',
};

const SEVERITY_FOR_IMPACT: Record<Impact, Severity> = { critical: 'emergency', major: 'severe', minor: 'minor', none: 'minor' };
const OPEN = ['investigating', 'identified', 'monitoring'] as const;
type OpenStatus = (typeof OPEN)[number];
const isOpen = (s: string | undefined): s is OpenStatus => (OPEN as readonly string[]).includes(s ?? '');
const UUID = z.uuid();

function unsupportedStatus(): never {
  throw new ServiceError('invalid', 'invalid_input', { status: ['unsupported_status'] });
}

/** Statuspage's default wording when a post has no body, in both page languages. */
function defaultBody(status: string): { body: string; bodyEn: string } {
  return { body: t('ja', 'api')(`defaultBody.${status}`), bodyEn: t('en', 'api')(`defaultBody.${status}`) };
}
const bodyOf = (i: IncidentRequest, status: string) =>
  i.body ? { body: i.body, bodyEn: i.body_en ?? null } : defaultBody(status);

/** `components` (id → status) plus `component_ids` listed without a status (kept as they are). */
async function componentChanges(
  ctx: ServiceContext,
  page: PageRow,
  i: IncidentRequest,
): Promise<{ componentId: string; status: ComponentStatus }[]> {
  // Statuses are checked by the services' own schemas.
  const explicit = Object.entries(i.components ?? {}).map(([componentId, status]) => ({
    componentId,
    status: status as ComponentStatus,
  }));
  const listedOnly = (i.component_ids ?? []).filter((id) => !(id in (i.components ?? {})));
  const valid = listedOnly.filter((id) => UUID.safeParse(id).success);
  if (valid.length !== listedOnly.length)
    throw new ServiceError('invalid', 'invalid_input', { componentIds: ['unknown_component'] });
  const current = valid.length
    ? await ctx.db
        .select({ id: components.id, status: components.status })
        .from(components)
        .where(and(eq(components.pageId, page.id), inArray(components.id, valid)))
    : [];
  if (current.length !== new Set(valid).size)
    throw new ServiceError('invalid', 'invalid_input', { componentIds: ['unknown_component'] });
  return [...explicit, ...current.map((c) => ({ componentId: c.id, status: c.status }))];
}

/** POST …/incidents: an incident, or a maintenance when `status` is "scheduled" (as on Statuspage). */
export async function createFromRequest(
  ctx: ServiceContext,
  page: PageRow,
  i: IncidentRequest,
): Promise<{ kind: 'incident' | 'maintenance'; id: string }> {
  if (i.backfilled) {
    const defaults = { severity: i.severity ?? SEVERITY_FOR_IMPACT[i.impact_override ?? 'minor'], body: bodyOf(i, 'resolved') };
    return { kind: 'incident', id: (await backfillFromRequest(ctx, page, i, defaults)).id };
  }
  refuseHistoryWithoutBackfill(i);
  const changes = await componentChanges(ctx, page, i);
  if (i.status === 'scheduled' || i.scheduled_for) {
    const start = new Date(i.scheduled_for ?? '');
    const end = new Date(i.scheduled_until ?? '');
    const windowMinutes = Math.round((end.getTime() - start.getTime()) / 60_000);
    const { maintenance } = await scheduleMaintenance({
      ctx,
      input: {
        title: i.name,
        titleEn: i.name_en,
        ...bodyOf(i, 'scheduled'),
        scheduledStart: i.scheduled_for,
        scheduledEnd: i.scheduled_until,
        // Without a figure, the whole window is announced as downtime (the cautious reading).
        expectedDowntimeMinutes:
          i.expected_downtime_minutes ?? (Number.isFinite(windowMinutes) && windowMinutes > 0 ? windowMinutes : 0),
        componentIds: changes.map((c) => c.componentId),
      },
    });
    return { kind: 'maintenance', id: maintenance.id };
  }
  const status = i.status ?? 'investigating';
  if (!isOpen(status)) unsupportedStatus();
  const { id } = await openIncident({
    ctx,
    input: {
      title: i.name ?? '',
      titleEn: i.name_en,
      severity: i.severity ?? SEVERITY_FOR_IMPACT[i.impact_override ?? 'minor'],
      impact: i.impact_override,
      status,
      components: changes,
      ...bodyOf(i, status),
      notify: i.deliver_notifications ?? true,
      published: i.published ?? true,
      startedAt: i.started_at,
    },
  });
  return { kind: 'incident', id };
}

/**
 * PATCH …/incidents/{id}: a new post when status, body or components are given (resolving
 * when status is "resolved"), then name/impact corrections. Maintenance ids take the
 * maintenance verbs (in_progress → start, completed → complete, otherwise a post).
 */
export async function updateFromRequest(
  ctx: ServiceContext,
  page: PageRow,
  id: string,
  i: IncidentRequest,
): Promise<{ kind: 'incident' | 'maintenance' }> {
  if (!UUID.safeParse(id).success) throw new ServiceError('not_found', 'incident_not_found');
  const [incident] = await ctx.db
    .select()
    .from(incidents)
    .where(and(eq(incidents.id, id), eq(incidents.pageId, page.id)));
  if (!incident) {
    const [maintenance] = await ctx.db
      .select({ id: maintenances.id })
      .from(maintenances)
      .where(and(eq(maintenances.id, id), eq(maintenances.pageId, page.id)));
    if (!maintenance) throw new ServiceError('not_found', 'incident_not_found');
    await updateMaintenance(ctx, id, i);
    return { kind: 'maintenance' };
  }
  const changes = await componentChanges(ctx, page, i);
  const notify = i.deliver_notifications ?? true;
  if (i.status === 'resolved') {
    await resolveIncident({ ctx, input: { incidentId: id, ...bodyOf(i, 'resolved'), components: changes, notify } });
  } else if (i.status !== undefined || i.body !== undefined || changes.length) {
    const status = i.status ?? incident.status;
    if (!isOpen(status)) unsupportedStatus();
    await postIncidentUpdate({ ctx, input: { incidentId: id, status, ...bodyOf(i, status), components: changes, notify } });
  }
  if (i.name !== undefined || i.name_en !== undefined || i.impact_override !== undefined || i.severity !== undefined) {
    await editIncident({
      ctx,
      input: {
        incidentId: id,
        title: i.name ?? incident.title,
        titleEn: i.name_en ?? incident.titleEn,
        severity: i.severity ?? (i.impact_override ? SEVERITY_FOR_IMPACT[i.impact_override] : incident.severity),
        impact: i.impact_override ?? incident.impact,
        detectedAt: incident.detectedAt,
        startedAt: incident.startedAt,
      },
    });
  }
  return { kind: 'incident' };
}

async function updateMaintenance(ctx: ServiceContext, id: string, i: IncidentRequest): Promise<void> {
  const message = { id, body: i.body ?? null, bodyEn: i.body_en ?? null };
  if (i.status === 'in_progress') await startMaintenance({ ctx, input: message });
  else if (i.status === 'completed') await completeMaintenance({ ctx, input: message });
  else if (i.status === undefined || i.status === 'scheduled' || i.status === 'verifying')
    await postMaintenanceUpdate({ ctx, input: { ...message, body: i.body } });
  else unsupportedStatus();
}
