import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { incidentComponents, incidents } from '../../../db/schema';
import { ServiceError } from '../../errors';
import { actorUserId, nowOf, requireRole, withTransaction, WRITERS, type ServiceContext } from '../context';
import { entityId, optionalText, parseInput, requiredText } from '../parse-input';
import {
  checkComponents,
  componentChanges,
  incidentSnapshot,
  instant,
  lockIncident,
  statusChangeTime,
  type ComponentChange,
} from './shared';
import { postToIncident } from './post';

export const resolveIncidentInput = z.object({
  incidentId: entityId,
  body: requiredText(5000),
  bodyEn: optionalText(5000),
  /** Exceptions only: every affected component goes back to operational unless listed here. */
  components: componentChanges,
  /** When service was restored (default now); earlier when the fix is reported late. */
  resolvedAt: instant.optional(),
  notify: z.boolean().default(true),
});
export type ResolveIncidentInput = z.input<typeof resolveIncidentInput>;

export async function resolveIncident({ ctx, input }: { ctx: ServiceContext; input: ResolveIncidentInput }) {
  requireRole(ctx, WRITERS);
  const fields = parseInput(resolveIncidentInput, input);
  const now = nowOf(ctx);
  const actorId = actorUserId(ctx.actor);
  const resolvedAt = fields.resolvedAt ?? now;
  if (resolvedAt.getTime() > now.getTime() + 60_000)
    throw new ServiceError('invalid', 'invalid_input', { resolvedAt: ['in_future'] });
  return withTransaction(ctx, async (tx) => {
    const before = await lockIncident(tx, fields.incidentId);
    if (before.resolvedAt) throw new ServiceError('conflict', 'incident_resolved');
    if (resolvedAt < before.startedAt)
      throw new ServiceError('invalid', 'invalid_input', { resolvedAt: ['resolved_before_start'] });
    await checkComponents(
      tx,
      before.pageId,
      fields.components.map((c) => c.componentId),
    );
    const affected = await tx
      .select({ componentId: incidentComponents.componentId })
      .from(incidentComponents)
      .where(eq(incidentComponents.incidentId, before.id));
    const overrides = new Map(fields.components.map((c) => [c.componentId, c.status]));
    const changes: ComponentChange[] = [
      ...affected.map((a) => ({ componentId: a.componentId, status: overrides.get(a.componentId) ?? ('operational' as const) })),
      ...fields.components.filter((c) => !affected.some((a) => a.componentId === c.componentId)),
    ];
    const [after] = await tx
      .update(incidents)
      .set({ status: 'resolved', resolvedAt, updatedAt: now })
      .where(eq(incidents.id, before.id))
      .returning();
    const notify = fields.notify && before.published;
    const ids = changes.map((c) => c.componentId);
    const update = await postToIncident(tx, ctx.actor, actorId, now, {
      incident: after,
      status: 'resolved',
      body: fields.body,
      bodyEn: fields.bodyEn,
      components: changes,
      statusAt: await statusChangeTime(tx, ids, resolvedAt, now),
      notice: notify ? 'incident_resolved' : null,
      audit: (update) => ({
        action: 'incident.resolve',
        entityType: 'incident',
        entityId: before.id,
        before: incidentSnapshot(before),
        after: {
          ...incidentSnapshot(after),
          updateId: update.id,
          body: fields.body,
          bodyEn: fields.bodyEn,
          components: changes,
          notify,
        },
      }),
    });
    return { id: before.id, updateId: update.id };
  });
}
