import { z } from 'zod';
import { COMPONENT_STATUSES } from '../../domain/statuses';
import { resolvePage } from '../../pages/context';
import { writeAudit } from '../audit/write';
import { actorUserId, nowOf, requireRole, withTransaction, WRITERS, type ServiceContext } from '../context';
import { entityId, parseInput } from '../parse-input';
import { lockComponent } from './load';
import { setComponentStatuses } from './set-statuses';

export const setComponentStatusInput = z.object({ id: entityId, status: z.enum(COMPONENT_STATUSES) });
export type SetComponentStatusInput = z.input<typeof setComponentStatusInput>;

/** A status set by hand, outside any incident (recorded as a period in component_status_changes). */
export async function setComponentStatus({ ctx, input }: { ctx: ServiceContext; input: SetComponentStatusInput }) {
  requireRole(ctx, WRITERS);
  const { id, status } = parseInput(setComponentStatusInput, input);
  const now = nowOf(ctx);
  return withTransaction(ctx, async (tx) => {
    const page = await resolvePage(tx);
    const before = await lockComponent(tx, page.id, id);
    const changed = await setComponentStatuses(tx, {
      pageId: page.id,
      changes: [{ componentId: id, status }],
      at: now,
      source: ctx.actor.kind === 'api-key' ? 'api' : 'manual',
      actorId: actorUserId(ctx.actor),
    });
    if (changed.length) {
      await writeAudit(tx, ctx.actor, {
        action: 'component.set_status',
        entityType: 'component',
        entityId: id,
        before: { status: before.status },
        after: { status },
        at: now,
      });
    }
    return { id, changed: changed.length > 0 };
  });
}
