import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { components } from '../../../db/schema';
import { ServiceError } from '../../errors';
import { publishChange } from '../../events/publish';
import { resolvePage } from '../../pages/context';
import { writeAudit } from '../audit/write';
import { nowOf, requireRole, withTransaction, WRITERS, type ServiceContext } from '../context';
import { entityId, parseInput } from '../parse-input';
import { componentSnapshot, lockComponent } from './load';

export const deleteComponentInput = z.object({ id: entityId, confirmName: z.string().trim().min(1).max(100) });
export type DeleteComponentInput = z.input<typeof deleteComponentInput>;

/**
 * Hides a component from the page and every list. Soft delete: its status history stays, so
 * past uptime and SLA reports still add up. The operator confirms by typing its name.
 */
export async function deleteComponent({ ctx, input }: { ctx: ServiceContext; input: DeleteComponentInput }) {
  requireRole(ctx, WRITERS);
  const { id, confirmName } = parseInput(deleteComponentInput, input);
  const now = nowOf(ctx);
  return withTransaction(ctx, async (tx) => {
    const page = await resolvePage(tx);
    const before = await lockComponent(tx, page.id, id);
    if (confirmName !== before.name) throw new ServiceError('invalid', 'invalid_input', { confirmName: ['confirm_mismatch'] });
    const [after] = await tx.update(components).set({ deletedAt: now, updatedAt: now }).where(eq(components.id, id)).returning();
    await writeAudit(tx, ctx.actor, {
      action: 'component.delete',
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
