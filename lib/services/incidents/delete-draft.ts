import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { incidentComponents, incidents } from '../../../db/schema';
import { ServiceError } from '../../errors';
import { recordSlaInputs } from '../../evidence/sla-inputs';
import { publishChange } from '../../events/publish';
import { writeAudit } from '../audit/write';
import { nowOf, requireRole, withTransaction, WRITERS, type ServiceContext } from '../context';
import { entityId, parseInput } from '../parse-input';
import { incidentSnapshot, lockIncident } from './shared';

export const deleteDraftInput = z.object({ incidentId: entityId });
export type DeleteDraftInput = z.input<typeof deleteDraftInput>;

/**
 * Deletes a draft nobody outside ever saw (its updates and component links go with it). Status
 * periods it set stay: the component history is what happened. Published incidents are
 * withdrawn instead (./withdraw.ts), never deleted.
 */
export async function deleteDraftIncident({ ctx, input }: { ctx: ServiceContext; input: DeleteDraftInput }) {
  requireRole(ctx, WRITERS);
  const { incidentId } = parseInput(deleteDraftInput, input);
  const now = nowOf(ctx);
  return withTransaction(ctx, async (tx) => {
    const before = await lockIncident(tx, incidentId);
    if (before.published || before.withdrawnAt) throw new ServiceError('conflict', 'incident_not_draft');
    const affected = await tx
      .select({ componentId: incidentComponents.componentId })
      .from(incidentComponents)
      .where(eq(incidentComponents.incidentId, incidentId));
    await tx.delete(incidents).where(eq(incidents.id, incidentId));
    await recordSlaInputs(tx, { incidents: [incidentId] }, now);
    await writeAudit(tx, ctx.actor, {
      action: 'incident.delete',
      entityType: 'incident',
      entityId: incidentId,
      before: { ...incidentSnapshot(before), componentIds: affected.map((a) => a.componentId) },
      after: null,
      at: now,
    });
    await publishChange(tx, { type: 'incident', pageId: before.pageId, incidentId });
    return { id: incidentId };
  });
}
