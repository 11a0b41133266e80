import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { incidents } from '../../../db/schema';
import { SLA_EXCLUSION_KINDS } from '../../domain/statuses';
import { recordSlaInputs } from '../../evidence/sla-inputs';
import { writeAudit } from '../audit/write';
import { nowOf, requireRole, withTransaction, WRITERS, type ServiceContext } from '../context';
import { entityId, parseInput } from '../parse-input';
import { lockIncident } from './shared';

export const slaExclusionInput = z.discriminatedUnion('excluded', [
  z.object({
    incidentId: entityId,
    excluded: z.literal(true),
    kind: z.enum(SLA_EXCLUSION_KINDS, { message: 'kind_required' }),
    reason: z.string().trim().min(1, { message: 'reason_required' }).max(1000),
  }),
  z.object({ incidentId: entityId, excluded: z.literal(false) }),
]);
export type SlaExclusionInput = z.input<typeof slaExclusionInput>;

/**
 * Marks an incident as outside the SLA (third-party outage, force majeure) with the reason the
 * report will show, or takes the mark away. Internal: never shown on public pages.
 */
export async function setSlaExclusion({ ctx, input }: { ctx: ServiceContext; input: SlaExclusionInput }) {
  requireRole(ctx, WRITERS);
  const fields = parseInput(slaExclusionInput, input);
  const now = nowOf(ctx);
  return withTransaction(ctx, async (tx) => {
    const before = await lockIncident(tx, fields.incidentId);
    const next = fields.excluded
      ? { slaExcluded: true, slaExclusionKind: fields.kind, slaExclusionReason: fields.reason }
      : { slaExcluded: false, slaExclusionKind: null, slaExclusionReason: null };
    await tx
      .update(incidents)
      .set({ ...next, updatedAt: now })
      .where(eq(incidents.id, before.id));
    await recordSlaInputs(tx, { incidents: [before.id] }, now);
    await writeAudit(tx, ctx.actor, {
      action: 'incident.sla_exclusion',
      entityType: 'incident',
      entityId: before.id,
      before: {
        slaExcluded: before.slaExcluded,
        slaExclusionKind: before.slaExclusionKind,
        slaExclusionReason: before.slaExclusionReason,
      },
      after: next,
      at: now,
    });
    return { id: before.id };
  });
}
