import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { incidents, incidentUpdates } from '../../../db/schema';
import { ServiceError } from '../../errors';
import { publishChange } from '../../events/publish';
import { enqueueIncidentNotice } from '../../notices/incident-notice';
import { recordSlaInputs } from '../../evidence/sla-inputs';
import { writeAudit } from '../audit/write';
import { nowOf, requireRole, withTransaction, WRITERS, type ServiceContext } from '../context';
import { entityId, parseInput } from '../parse-input';
import { lockIncident, recordPost } from './shared';

export const publishIncidentInput = z.object({ incidentId: entityId, notify: z.boolean().default(true) });
export type PublishIncidentInput = z.input<typeof publishIncidentInput>;

/**
 * Makes a draft (for example one opened by an alert) public: its posts become evidence and,
 * when asked, subscribers get the opening notice with the latest update.
 */
export async function publishIncident({ ctx, input }: { ctx: ServiceContext; input: PublishIncidentInput }) {
  requireRole(ctx, WRITERS);
  const fields = parseInput(publishIncidentInput, input);
  const now = nowOf(ctx);
  return withTransaction(ctx, async (tx) => {
    const before = await lockIncident(tx, fields.incidentId);
    if (before.published) throw new ServiceError('conflict', 'incident_published');
    const [after] = await tx
      .update(incidents)
      .set({ published: true, updatedAt: now })
      .where(eq(incidents.id, before.id))
      .returning();
    const updates = await tx
      .select()
      .from(incidentUpdates)
      .where(eq(incidentUpdates.incidentId, before.id))
      .orderBy(asc(incidentUpdates.displayAt));
    await recordSlaInputs(tx, { incidents: [before.id] }, now);
    for (const update of updates) await recordPost(tx, after, update, { publishedAt: now });
    const latest = updates.at(-1);
    if (fields.notify && latest) {
      await tx.update(incidentUpdates).set({ notifySubscribers: true }).where(eq(incidentUpdates.id, latest.id));
      await enqueueIncidentNotice(tx, {
        type: after.resolvedAt ? 'incident_resolved' : 'incident_opened',
        incidentId: before.id,
        incidentUpdateId: latest.id,
        at: now,
      });
    }
    await writeAudit(tx, ctx.actor, {
      action: 'incident.publish',
      entityType: 'incident',
      entityId: before.id,
      before: { published: false },
      after: { published: true, notify: fields.notify },
      at: now,
    });
    await publishChange(tx, { type: 'incident', pageId: before.pageId, incidentId: before.id });
    return { id: before.id };
  });
}
