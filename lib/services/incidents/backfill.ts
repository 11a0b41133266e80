import { z } from 'zod';
import { incidentComponents, incidents } from '../../../db/schema';
import { IMPACTS, SEVERITIES } from '../../domain/statuses';
import { ServiceError } from '../../errors';
import { publishChange } from '../../events/publish';
import { recordSlaInputs } from '../../evidence/sla-inputs';
import { resolvePage } from '../../pages/context';
import { writeAudit } from '../audit/write';
import { actorLabel, nowOf, requireRole, withTransaction, WRITERS, type ServiceContext } from '../context';
import { optionalText, parseInput, requiredText, entityId } from '../parse-input';
import { checkComponents, DEFAULT_IMPACT, incidentSnapshot, insertUpdate, instant, recordPost } from './shared';

export const backfillIncidentInput = z.object({
  title: requiredText(200),
  titleEn: optionalText(200),
  severity: z.enum(SEVERITIES),
  impact: z.enum(IMPACTS).optional(),
  body: requiredText(5000),
  bodyEn: optionalText(5000),
  /** Affected components; their past statuses are not rewritten (status history stays as recorded). */
  componentIds: z.array(entityId).max(200).default([]),
  startedAt: instant,
  /** When it was noticed (default: startedAt). */
  detectedAt: instant.optional(),
  resolvedAt: instant,
});
export type BackfillIncidentInput = z.input<typeof backfillIncidentInput>;

/**
 * Records an incident that happened before it was entered (Statuspage's `backfilled`): resolved,
 * public, nobody notified, and marked as entered after the fact by this caller, so the evidence
 * and the SLA report never pass it off as reported live. Its post became readable now.
 */
export async function backfillIncident({ ctx, input }: { ctx: ServiceContext; input: BackfillIncidentInput }) {
  requireRole(ctx, WRITERS);
  const fields = parseInput(backfillIncidentInput, input);
  const now = nowOf(ctx);
  const detectedAt = fields.detectedAt ?? fields.startedAt;
  if (fields.resolvedAt > now) throw new ServiceError('invalid', 'invalid_input', { resolvedAt: ['in_future'] });
  if (fields.startedAt > detectedAt)
    throw new ServiceError('invalid', 'invalid_input', { startedAt: ['started_after_detected'] });
  if (detectedAt > fields.resolvedAt)
    throw new ServiceError('invalid', 'invalid_input', { resolvedAt: ['resolved_before_detected'] });
  const by = actorLabel(ctx.actor);

  return withTransaction(ctx, async (tx) => {
    const page = await resolvePage(tx);
    await checkComponents(tx, page.id, fields.componentIds, 'componentIds');
    const [incident] = await tx
      .insert(incidents)
      .values({
        pageId: page.id,
        title: fields.title,
        titleEn: fields.titleEn,
        severity: fields.severity,
        impact: fields.impact ?? DEFAULT_IMPACT[fields.severity],
        status: 'resolved',
        published: true,
        detectedAt,
        startedAt: fields.startedAt,
        resolvedAt: fields.resolvedAt,
        detectedAtEnteredBy: by,
        backfilledBy: by,
        backfilledAt: now,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (fields.componentIds.length) {
      await tx
        .insert(incidentComponents)
        .values(
          fields.componentIds.map((componentId) => ({ incidentId: incident.id, componentId, status: 'operational' as const })),
        );
    }
    const update = await insertUpdate(tx, {
      incidentId: incident.id,
      status: 'resolved',
      body: fields.body,
      bodyEn: fields.bodyEn,
      components: [],
      notify: false,
      authorId: null,
      at: fields.resolvedAt,
    });
    const entry = (column: string, value: Date) => ({ by, at: now.toISOString(), column, old: null, new: value.toISOString() });
    await recordSlaInputs(tx, { incidents: [incident.id] }, now, {
      [incident.id]: [
        entry('detected_at', detectedAt),
        entry('started_at', fields.startedAt),
        entry('resolved_at', fields.resolvedAt),
      ],
    });
    await recordPost(tx, incident, update, { publishedAt: now });
    await writeAudit(tx, ctx.actor, {
      action: 'incident.backfill',
      entityType: 'incident',
      entityId: incident.id,
      after: { ...incidentSnapshot(incident), componentIds: fields.componentIds, body: fields.body, bodyEn: fields.bodyEn },
      at: now,
    });
    await publishChange(tx, { type: 'incident', pageId: page.id, incidentId: incident.id });
    return { id: incident.id };
  });
}
