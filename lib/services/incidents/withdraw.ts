import { and, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { components, componentStatusChanges, incidents } from '../../../db/schema';
import { ServiceError } from '../../errors';
import { appendEvidence } from '../../evidence/append';
import { recordSlaInputs } from '../../evidence/sla-inputs';
import { publishChange } from '../../events/publish';
import { writeAudit } from '../audit/write';
import { actorLabel, ADMINS, nowOf, requireRole, withTransaction, type ServiceContext } from '../context';
import { entityId, parseInput, requiredText } from '../parse-input';
import { lockIncident } from './shared';

export const withdrawIncidentInput = z.object({ incidentId: entityId, reason: requiredText(1000) });
export type WithdrawIncidentInput = z.input<typeof withdrawIncidentInput>;

/**
 * Takes a published incident back (posted by mistake, or demo data): it leaves the public page,
 * the feeds and the uptime figures, and the SLA report lists it as withdrawn. Nothing is deleted:
 * its posts stay in the evidence ledger, and the withdrawal itself is appended there, carrying
 * the status periods it had so the uptime it took out can be checked later. Admins only.
 */
export async function withdrawIncident({ ctx, input }: { ctx: ServiceContext; input: WithdrawIncidentInput }) {
  requireRole(ctx, ADMINS);
  const fields = parseInput(withdrawIncidentInput, input);
  const now = nowOf(ctx);
  const by = actorLabel(ctx.actor);
  return withTransaction(ctx, async (tx) => {
    const before = await lockIncident(tx, fields.incidentId);
    if (before.withdrawnAt) throw new ServiceError('conflict', 'incident_withdrawn');
    if (!before.published) throw new ServiceError('conflict', 'incident_is_draft');
    // The periods this incident caused count as operational from now on; the ledger keeps what they were.
    const periods = await tx
      .select()
      .from(componentStatusChanges)
      .where(eq(componentStatusChanges.incidentId, before.id))
      .for('update');
    await tx
      .update(componentStatusChanges)
      .set({ status: 'operational' })
      .where(eq(componentStatusChanges.incidentId, before.id));
    const periodsBefore = periods.map((p) => ({
      componentId: p.componentId,
      status: p.status,
      from: p.from.toISOString(),
      to: p.to?.toISOString() ?? null,
    }));
    const reopened = periods.filter((p) => p.to === null).map((p) => p.componentId);
    for (const componentId of reopened) {
      await tx
        .update(components)
        .set({ status: 'operational', updatedAt: now })
        .where(and(eq(components.id, componentId), isNull(components.deletedAt)));
    }
    await tx
      .update(incidents)
      .set({ published: false, withdrawnAt: now, withdrawnBy: by, withdrawalReason: fields.reason, updatedAt: now })
      .where(eq(incidents.id, before.id));
    await recordSlaInputs(tx, { component_status_changes: periods.map((p) => p.id), incidents: [before.id] }, now);
    await appendEvidence(tx, [
      {
        kind: 'incident_withdrawal',
        occurredAt: now,
        content: { incidentId: before.id, title: before.title, reason: fields.reason, withdrawnBy: by, periods: periodsBefore },
      },
    ]);
    await writeAudit(tx, ctx.actor, {
      action: 'incident.withdraw',
      entityType: 'incident',
      entityId: before.id,
      before: { published: true, periods: periodsBefore },
      after: { published: false, withdrawnAt: now, reason: fields.reason },
      at: now,
    });
    await publishChange(tx, { type: 'incident', pageId: before.pageId, incidentId: before.id });
    if (reopened.length) await publishChange(tx, { type: 'component', pageId: before.pageId, componentIds: reopened });
    return { id: before.id };
  });
}
