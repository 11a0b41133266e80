import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { incidents } from '../../../db/schema';
import { IMPACTS, SEVERITIES } from '../../domain/statuses';
import { ServiceError } from '../../errors';
import { publishChange } from '../../events/publish';
import { recordSlaInputs } from '../../evidence/sla-inputs';
import { writeAudit } from '../audit/write';
import { actorLabel, nowOf, requireRole, withTransaction, WRITERS, type ServiceContext } from '../context';
import { entityId, optionalText, parseInput, requiredText } from '../parse-input';
import { incidentSnapshot, instant, lockIncident } from './shared';

export const editIncidentInput = z.object({
  incidentId: entityId,
  title: requiredText(200),
  titleEn: optionalText(200),
  severity: z.enum(SEVERITIES),
  impact: z.enum(IMPACTS),
  detectedAt: instant,
  startedAt: instant,
});
export type EditIncidentInput = z.input<typeof editIncidentInput>;

/**
 * Corrects an incident's title, severity and clock (detection and start times feed the SLA
 * targets). No notice is sent; the audit log keeps the values before the change.
 */
export async function editIncident({ ctx, input }: { ctx: ServiceContext; input: EditIncidentInput }) {
  requireRole(ctx, WRITERS);
  const { incidentId, ...fields } = parseInput(editIncidentInput, input);
  const now = nowOf(ctx);
  if (fields.detectedAt.getTime() > now.getTime() + 60_000)
    throw new ServiceError('invalid', 'invalid_input', { detectedAt: ['in_future'] });
  if (fields.startedAt > fields.detectedAt)
    throw new ServiceError('invalid', 'invalid_input', { startedAt: ['started_after_detected'] });
  return withTransaction(ctx, async (tx) => {
    const before = await lockIncident(tx, incidentId);
    if (before.resolvedAt && before.resolvedAt < fields.startedAt)
      throw new ServiceError('invalid', 'invalid_input', { startedAt: ['resolved_before_start'] });
    const by = actorLabel(ctx.actor);
    const entries = (['detectedAt', 'startedAt'] as const)
      .filter((key) => before[key].getTime() !== fields[key].getTime())
      .map((key) => ({
        by,
        at: now.toISOString(),
        column: key === 'detectedAt' ? 'detected_at' : 'started_at',
        old: before[key].toISOString(),
        new: fields[key].toISOString(),
      }));
    const detectionEdited = entries.some((e) => e.column === 'detected_at');
    const [after] = await tx
      .update(incidents)
      .set({ ...fields, ...(detectionEdited ? { detectedAtEnteredBy: by } : {}), updatedAt: now })
      .where(eq(incidents.id, before.id))
      .returning();
    await recordSlaInputs(tx, { incidents: [before.id] }, now, entries.length ? { [before.id]: entries } : {});
    await writeAudit(tx, ctx.actor, {
      action: 'incident.edit',
      entityType: 'incident',
      entityId: before.id,
      before: incidentSnapshot(before),
      after: incidentSnapshot(after),
      at: now,
    });
    await publishChange(tx, { type: 'incident', pageId: before.pageId, incidentId: before.id });
    return { id: before.id };
  });
}
