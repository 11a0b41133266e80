import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { incidentUpdates } from '../../../db/schema';
import { ServiceError } from '../../errors';
import { publishChange } from '../../events/publish';
import { writeAudit } from '../audit/write';
import { nowOf, requireRole, withTransaction, WRITERS, type ServiceContext } from '../context';
import { entityId, optionalText, parseInput, requiredText } from '../parse-input';
import { lockIncident, recordPost } from './shared';

export const editIncidentUpdateInput = z.object({
  incidentId: entityId,
  updateId: entityId,
  body: requiredText(5000),
  bodyEn: optionalText(5000),
});
export type EditIncidentUpdateInput = z.input<typeof editIncidentUpdateInput>;

/**
 * Fixes the wording of a posted update (a typo, a wrong time) without notifying anyone again.
 * The old text stays in the audit log and the correction is added to the evidence chain.
 */
export async function editIncidentUpdate({ ctx, input }: { ctx: ServiceContext; input: EditIncidentUpdateInput }) {
  requireRole(ctx, WRITERS);
  const fields = parseInput(editIncidentUpdateInput, input);
  const now = nowOf(ctx);
  return withTransaction(ctx, async (tx) => {
    const incident = await lockIncident(tx, fields.incidentId);
    const [before] = await tx
      .select()
      .from(incidentUpdates)
      .where(and(eq(incidentUpdates.id, fields.updateId), eq(incidentUpdates.incidentId, incident.id)))
      .for('update');
    if (!before) throw new ServiceError('not_found', 'update_not_found');
    if (before.body === fields.body && before.bodyEn === fields.bodyEn)
      return { id: incident.id, updateId: before.id, changed: false };
    const [after] = await tx
      .update(incidentUpdates)
      .set({ body: fields.body, bodyEn: fields.bodyEn, updatedAt: now })
      .where(eq(incidentUpdates.id, before.id))
      .returning();
    await recordPost(tx, incident, after, { edited: true });
    await writeAudit(tx, ctx.actor, {
      action: 'incident.edit_update',
      entityType: 'incident_update',
      entityId: before.id,
      before: { incidentId: incident.id, body: before.body, bodyEn: before.bodyEn },
      after: { incidentId: incident.id, body: after.body, bodyEn: after.bodyEn },
      at: now,
    });
    await publishChange(tx, { type: 'incident', pageId: incident.pageId, incidentId: incident.id });
    return { id: incident.id, updateId: before.id, changed: true };
  });
}
