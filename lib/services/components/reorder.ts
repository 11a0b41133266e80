import { and, asc, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { components } from '../../../db/schema';
import { publishChange } from '../../events/publish';
import { resolvePage } from '../../pages/context';
import { writeAudit } from '../audit/write';
import { nowOf, requireRole, withTransaction, WRITERS, type ServiceContext } from '../context';
import { entityId, parseInput } from '../parse-input';
import { lockComponent } from './load';

export const reorderComponentInput = z.object({ id: entityId, direction: z.enum(['up', 'down']) });
export type ReorderComponentInput = z.input<typeof reorderComponentInput>;

/** Moves a component one place within its group and renumbers the group 0..n. */
export async function reorderComponent({ ctx, input }: { ctx: ServiceContext; input: ReorderComponentInput }) {
  requireRole(ctx, WRITERS);
  const { id, direction } = parseInput(reorderComponentInput, input);
  const now = nowOf(ctx);
  return withTransaction(ctx, async (tx) => {
    const page = await resolvePage(tx);
    const target = await lockComponent(tx, page.id, id);
    const siblings = await tx
      .select({ id: components.id })
      .from(components)
      .where(
        and(
          eq(components.pageId, page.id),
          isNull(components.deletedAt),
          target.groupId ? eq(components.groupId, target.groupId) : isNull(components.groupId),
        ),
      )
      .orderBy(asc(components.position), asc(components.createdAt))
      .for('update');
    const order = siblings.map((s) => s.id);
    const from = order.indexOf(id);
    const to = direction === 'up' ? from - 1 : from + 1;
    if (to < 0 || to >= order.length) return { id, moved: false };
    [order[from], order[to]] = [order[to], order[from]];
    for (const [position, componentId] of order.entries())
      await tx.update(components).set({ position }).where(eq(components.id, componentId));
    await writeAudit(tx, ctx.actor, {
      action: 'component.reorder',
      entityType: 'component',
      entityId: id,
      before: { position: from },
      after: { position: to },
      at: now,
    });
    await publishChange(tx, { type: 'component', pageId: page.id, componentIds: order });
    return { id, moved: true };
  });
}
