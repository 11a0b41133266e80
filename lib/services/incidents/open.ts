import { z } from 'zod';
import { incidentComponents, incidents } from '../../../db/schema';
import { IMPACTS, INCIDENT_OPEN_STATUSES, SEVERITIES } from '../../domain/statuses';
import { ServiceError } from '../../errors';
import { resolvePage } from '../../pages/context';
import { actorLabel, actorUserId, nowOf, requireRole, withTransaction, WRITERS, type ServiceContext } from '../context';
import { optionalText, parseInput, requiredText } from '../parse-input';
import {
  checkComponents,
  componentChanges,
  DEFAULT_IMPACT,
  incidentSnapshot,
  instant,
  stageTimes,
  statusChangeTime,
} from './shared';
import { postToIncident } from './post';

export const openIncidentInput = z.object({
  title: requiredText(200),
  titleEn: optionalText(200),
  severity: z.enum(SEVERITIES),
  /** Statuspage-style impact; follows the severity when not given. */
  impact: z.enum(IMPACTS).optional(),
  status: z.enum(INCIDENT_OPEN_STATUSES).default('investigating'),
  /** Affected components and the status this incident gives them. */
  components: componentChanges,
  body: requiredText(5000),
  bodyEn: optionalText(5000),
  /** When we knew (default now); earlier for alerts noticed late. */
  detectedAt: instant.optional(),
  /** When the failure began (default: detectedAt). */
  startedAt: instant.optional(),
  notify: z.boolean().default(true),
  /** False keeps it as a draft: invisible to the public, notifies nobody. */
  published: z.boolean().default(true),
});
export type OpenIncidentInput = z.input<typeof openIncidentInput>;

/** Clock checks need `now`, so they run after the schema. */
function checkTimes(detectedAt: Date, startedAt: Date, now: Date): void {
  const slack = 60_000; // the operator's clock may run a little ahead
  if (detectedAt.getTime() > now.getTime() + slack)
    throw new ServiceError('invalid', 'invalid_input', { detectedAt: ['in_future'] });
  if (startedAt > detectedAt) throw new ServiceError('invalid', 'invalid_input', { startedAt: ['started_after_detected'] });
}

/**
 * Opens an incident with its first public message: sets the affected components' statuses,
 * records the post as evidence and, when asked, queues the notice to subscribers, all in one
 * transaction.
 */
export async function openIncident({ ctx, input }: { ctx: ServiceContext; input: OpenIncidentInput }) {
  requireRole(ctx, WRITERS);
  const fields = parseInput(openIncidentInput, input);
  const now = nowOf(ctx);
  const detectedAt = fields.detectedAt ?? now;
  const startedAt = fields.startedAt ?? detectedAt;
  checkTimes(detectedAt, startedAt, now);
  const actorId = actorUserId(ctx.actor);
  // A source (Alertmanager's startsAt) is kept as said; a time a person typed is marked as theirs.
  const enteredBy = fields.detectedAt && ctx.actor.kind !== 'system' ? actorLabel(ctx.actor) : null;

  return withTransaction(ctx, async (tx) => {
    const page = await resolvePage(tx);
    const ids = fields.components.map((c) => c.componentId);
    await checkComponents(tx, page.id, ids);
    const [incident] = await tx
      .insert(incidents)
      .values({
        pageId: page.id,
        title: fields.title,
        titleEn: fields.titleEn,
        severity: fields.severity,
        impact: fields.impact ?? DEFAULT_IMPACT[fields.severity],
        status: fields.status,
        published: fields.published,
        detectedAt,
        startedAt,
        detectedAtEnteredBy: enteredBy,
        ...stageTimes({ identifiedAt: null, monitoringAt: null }, fields.status, now),
        createdBy: actorId,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (fields.components.length) {
      await tx
        .insert(incidentComponents)
        .values(fields.components.map((c) => ({ incidentId: incident.id, componentId: c.componentId, status: c.status })));
    }
    const notify = fields.notify && fields.published;
    const entries = enteredBy
      ? {
          [incident.id]: [
            { by: enteredBy, at: now.toISOString(), column: 'detected_at', old: null, new: detectedAt.toISOString() },
          ],
        }
      : {};
    const update = await postToIncident(tx, ctx.actor, actorId, now, {
      incident,
      status: fields.status,
      body: fields.body,
      bodyEn: fields.bodyEn,
      components: fields.components,
      statusAt: await statusChangeTime(tx, ids, startedAt, now),
      notice: notify ? 'incident_opened' : null,
      slaEntries: entries,
      audit: () => ({
        action: 'incident.open',
        entityType: 'incident',
        entityId: incident.id,
        after: { ...incidentSnapshot(incident), components: fields.components, body: fields.body, bodyEn: fields.bodyEn, notify },
      }),
    });
    return { id: incident.id, updateId: update.id };
  });
}
