import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { incidentComponents, incidents } from '../../../db/schema';
import { ServiceError } from '../../errors';
import { actorUserId, nowOf, requireRole, withTransaction, WRITERS, type ServiceContext } from '../context';
import { entityId, optionalText, parseInput, requiredText } from '../parse-input';
import { checkComponents, componentChanges, incidentSnapshot, lockIncident, stageTimes } from './shared';
import { postToIncident } from './post';
import { INCIDENT_OPEN_STATUSES } from '../../domain/statuses';

export const postIncidentUpdateInput = z.object({
  incidentId: entityId,
  status: z.enum(INCIDENT_OPEN_STATUSES),
  body: requiredText(5000),
  bodyEn: optionalText(5000),
  /** Status changes for components; ones not yet affected join the incident. */
  components: componentChanges,
  notify: z.boolean().default(true),
});
export type PostIncidentUpdateInput = z.input<typeof postIncidentUpdateInput>;

/** A progress report on an open incident (investigating → identified → monitoring); resolving is its own verb. */
export async function postIncidentUpdate({ ctx, input }: { ctx: ServiceContext; input: PostIncidentUpdateInput }) {
  requireRole(ctx, WRITERS);
  const fields = parseInput(postIncidentUpdateInput, input);
  const now = nowOf(ctx);
  const actorId = actorUserId(ctx.actor);
  return withTransaction(ctx, async (tx) => {
    const before = await lockIncident(tx, fields.incidentId);
    if (before.resolvedAt) throw new ServiceError('conflict', 'incident_resolved');
    await checkComponents(
      tx,
      before.pageId,
      fields.components.map((c) => c.componentId),
    );
    if (fields.components.length) {
      await tx
        .insert(incidentComponents)
        .values(fields.components.map((c) => ({ incidentId: before.id, componentId: c.componentId, status: c.status })))
        .onConflictDoUpdate({
          target: [incidentComponents.incidentId, incidentComponents.componentId],
          set: { status: sql`excluded.status` },
        });
    }
    const [after] = await tx
      .update(incidents)
      .set({ status: fields.status, ...stageTimes(before, fields.status, now), updatedAt: now })
      .where(eq(incidents.id, before.id))
      .returning();
    const notify = fields.notify && before.published;
    const update = await postToIncident(tx, ctx.actor, actorId, now, {
      incident: after,
      status: fields.status,
      body: fields.body,
      bodyEn: fields.bodyEn,
      components: fields.components,
      statusAt: now,
      notice: notify ? 'incident_updated' : null,
      audit: (update) => ({
        action: 'incident.post_update',
        entityType: 'incident',
        entityId: before.id,
        before: incidentSnapshot(before),
        after: {
          ...incidentSnapshot(after),
          updateId: update.id,
          body: fields.body,
          bodyEn: fields.bodyEn,
          components: fields.components,
          notify,
        },
      }),
    });
    return { id: before.id, updateId: update.id };
  });
}
