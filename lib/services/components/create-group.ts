import { z } from 'zod';
import { componentGroups } from '../../../db/schema';
import { resolvePage } from '../../pages/context';
import { writeAudit } from '../audit/write';
import { nowOf, requireRole, withTransaction, WRITERS, type ServiceContext } from '../context';
import { parseInput } from '../parse-input';
import { checkService, groupFields, groupSnapshot, nextGroupPosition } from './group-fields';

export const createGroupInput = groupFields;
export type CreateGroupInput = z.input<typeof createGroupInput>;

export async function createComponentGroup({ ctx, input }: { ctx: ServiceContext; input: CreateGroupInput }) {
  requireRole(ctx, WRITERS);
  const fields = parseInput(createGroupInput, input);
  const now = nowOf(ctx);
  return withTransaction(ctx, async (tx) => {
    const page = await resolvePage(tx);
    await checkService(tx, page.id, fields.serviceId);
    const position = await nextGroupPosition(tx, page.id);
    const [row] = await tx
      .insert(componentGroups)
      .values({ ...fields, pageId: page.id, position, createdAt: now })
      .returning();
    await writeAudit(tx, ctx.actor, {
      action: 'component_group.create',
      entityType: 'component_group',
      entityId: row.id,
      after: groupSnapshot(row),
      at: now,
    });
    return { id: row.id };
  });
}
