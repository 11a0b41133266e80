import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { incidents } from '../../../db/schema';
import { ServiceError } from '../../errors';
import { publishChange } from '../../events/publish';
import { writeAudit } from '../audit/write';
import { nowOf, requireRole, withTransaction, WRITERS, type ServiceContext } from '../context';
import { entityId, optionalText, parseInput, requiredText } from '../parse-input';
import { lockIncident } from './shared';

export const postmortemInput = z.object({
  incidentId: entityId,
  postmortem: requiredText(20_000),
  postmortemEn: optionalText(20_000),
});
export type PostmortemInput = z.input<typeof postmortemInput>;

/** Adds or replaces the public postmortem of a resolved incident (no notice is sent). */
export async function savePostmortem({ ctx, input }: { ctx: ServiceContext; input: PostmortemInput }) {
  requireRole(ctx, WRITERS);
  const fields = parseInput(postmortemInput, input);
  const now = nowOf(ctx);
  return withTransaction(ctx, async (tx) => {
    const before = await lockIncident(tx, fields.incidentId);
    if (!before.resolvedAt) throw new ServiceError('conflict', 'incident_not_resolved');
    await tx
      .update(incidents)
      .set({
        postmortem: fields.postmortem,
        postmortemEn: fields.postmortemEn,
        postmortemAt: before.postmortemAt ?? now,
        updatedAt: now,
      })
      .where(eq(incidents.id, before.id));
    await writeAudit(tx, ctx.actor, {
      action: 'incident.postmortem',
      entityType: 'incident',
      entityId: before.id,
      before: { postmortem: before.postmortem, postmortemEn: before.postmortemEn },
      after: { postmortem: fields.postmortem, postmortemEn: fields.postmortemEn },
      at: now,
    });
    await publishChange(tx, { type: 'incident', pageId: before.pageId, incidentId: before.id });
    return { id: before.id };
  });
}
