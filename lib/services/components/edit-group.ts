import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { componentGroups } from '../../../db/schema';
import { publishChange } from '../../events/publish';
import { resolvePage } from '../../pages/context';
import { writeAudit } from '../audit/write';
import { nowOf, requireRole, withTransaction, WRITERS, type ServiceContext } from '../context';
import { entityId, parseInput } from '../parse-input';
import { checkService, groupFields, groupSnapshot } from './group-fields';
import { lockGroup } from './load';

export const editGroupInput = groupFields.extend({ id: entityId });
export type EditGroupInput = z.input<typeof editGroupInput>;

export async function editComponentGroup({ ctx, input }: { ctx: ServiceContext; input: EditGroupInput }) {
  requireRole(ctx, WRITERS);
  const { id, ...fields } = parseInput(editGroupInput, input);
  const now = nowOf(ctx);
  return withTransaction(ctx, async (tx) => {
    const page = await resolvePage(tx);
    const before = await lockGroup(tx, page.id, id);
    await checkService(tx, page.id, fields.serviceId);
    const [after] = await tx.update(componentGroups).set(fields).where(eq(componentGroups.id, id)).returning();
    await writeAudit(tx, ctx.actor, {
      action: 'component_group.edit',
      entityType: 'component_group',
      entityId: id,
      before: groupSnapshot(before),
      after: groupSnapshot(after),
      at: now,
    });
    await publishChange(tx, { type: 'component', pageId: page.id, componentIds: [] });
    return { id };
  });
}
