import { and, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { componentGroups, components } from '../../../db/schema';
import { publishChange } from '../../events/publish';
import { resolvePage } from '../../pages/context';
import { writeAudit } from '../audit/write';
import { nowOf, requireRole, withTransaction, WRITERS, type ServiceContext } from '../context';
import { entityId, parseInput } from '../parse-input';
import { groupSnapshot } from './group-fields';
import { lockGroup, nextPosition } from './load';

export const deleteGroupInput = z.object({ id: entityId });
export type DeleteGroupInput = z.input<typeof deleteGroupInput>;

/** Removes a group; its components stay and move to the end of the ungrouped list. */
export async function deleteComponentGroup({ ctx, input }: { ctx: ServiceContext; input: DeleteGroupInput }) {
  requireRole(ctx, WRITERS);
  const { id } = parseInput(deleteGroupInput, input);
  const now = nowOf(ctx);
  return withTransaction(ctx, async (tx) => {
    const page = await resolvePage(tx);
    const before = await lockGroup(tx, page.id, id);
    const members = await tx
      .select({ id: components.id })
      .from(components)
      .where(and(eq(components.groupId, id), isNull(components.deletedAt)));
    let position = await nextPosition(tx, page.id, null);
    for (const m of members)
      await tx.update(components).set({ groupId: null, position: position++ }).where(eq(components.id, m.id));
    await tx.delete(componentGroups).where(eq(componentGroups.id, id));
    await writeAudit(tx, ctx.actor, {
      action: 'component_group.delete',
      entityType: 'component_group',
      entityId: id,
      before: { ...groupSnapshot(before), componentIds: members.map((m) => m.id) },
      at: now,
    });
    await publishChange(tx, { type: 'component', pageId: page.id, componentIds: members.map((m) => m.id) });
    return { id };
  });
}
