import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { componentGroups } from '../../../db/schema';
import { publishChange } from '../../events/publish';
import { resolvePage } from '../../pages/context';
import { writeAudit } from '../audit/write';
import { nowOf, requireRole, withTransaction, WRITERS, type ServiceContext } from '../context';
import { entityId, parseInput } from '../parse-input';
import { lockGroup } from './load';

export const reorderGroupInput = z.object({ id: entityId, direction: z.enum(['up', 'down']) });
export type ReorderGroupInput = z.input<typeof reorderGroupInput>;

/** Moves a group one place on the page and renumbers all groups 0..n. */
export async function reorderComponentGroup({ ctx, input }: { ctx: ServiceContext; input: ReorderGroupInput }) {
  requireRole(ctx, WRITERS);
  const { id, direction } = parseInput(reorderGroupInput, input);
  const now = nowOf(ctx);
  return withTransaction(ctx, async (tx) => {
    const page = await resolvePage(tx);
    await lockGroup(tx, page.id, id);
    const groups = await tx
      .select({ id: componentGroups.id })
      .from(componentGroups)
      .where(eq(componentGroups.pageId, page.id))
      .orderBy(asc(componentGroups.position), asc(componentGroups.createdAt))
      .for('update');
    const order = groups.map((g) => g.id);
    const from = order.indexOf(id);
    const to = direction === 'up' ? from - 1 : from + 1;
    if (to < 0 || to >= order.length) return { id, moved: false };
    [order[from], order[to]] = [order[to], order[from]];
    for (const [position, groupId] of order.entries())
      await tx.update(componentGroups).set({ position }).where(eq(componentGroups.id, groupId));
    await writeAudit(tx, ctx.actor, {
      action: 'component_group.reorder',
      entityType: 'component_group',
      entityId: id,
      before: { position: from },
      after: { position: to },
      at: now,
    });
    await publishChange(tx, { type: 'component', pageId: page.id, componentIds: [] });
    return { id, moved: true };
  });
}
