import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { components } from '../../../db/schema';
import { publishChange } from '../../events/publish';
import { resolvePage } from '../../pages/context';
import { writeAudit } from '../audit/write';
import { nowOf, requireRole, withTransaction, WRITERS, type ServiceContext } from '../context';
import { entityId, parseInput } from '../parse-input';
import { componentFields } from './create';
import { checkGroup, componentSnapshot, lockComponent, nextPosition } from './load';
import { checkSlaPlacement } from './sla-placement';

export const editComponentInput = componentFields.extend({ id: entityId });
export type EditComponentInput = z.input<typeof editComponentInput>;

/** Names, descriptions, group, SLA placement and alert mapping; moving to another group puts it last there. */
export async function editComponent({ ctx, input }: { ctx: ServiceContext; input: EditComponentInput }) {
  requireRole(ctx, WRITERS);
  const { id, ...fields } = parseInput(editComponentInput, input);
  const now = nowOf(ctx);
  return withTransaction(ctx, async (tx) => {
    const page = await resolvePage(tx);
    const before = await lockComponent(tx, page.id, id);
    await checkGroup(tx, page.id, fields.groupId);
    await checkSlaPlacement(tx, page.id, fields, before.serviceId);
    const position = before.groupId === fields.groupId ? before.position : await nextPosition(tx, page.id, fields.groupId);
    const [after] = await tx
      .update(components)
      .set({ ...fields, position, updatedAt: now })
      .where(eq(components.id, id))
      .returning();
    await writeAudit(tx, ctx.actor, {
      action: 'component.edit',
      entityType: 'component',
      entityId: id,
      before: componentSnapshot(before),
      after: componentSnapshot(after),
      at: now,
    });
    await publishChange(tx, { type: 'component', pageId: page.id, componentIds: [id] });
    return { id };
  });
}
