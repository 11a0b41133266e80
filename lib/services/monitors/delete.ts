import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { monitors } from '../../../db/schema';
import { resolvePage } from '../../pages/context';
import { writeAudit } from '../audit/write';
import { nowOf, requireRole, withTransaction, WRITERS, type ServiceContext } from '../context';
import { entityId, parseInput } from '../parse-input';
import { lockMonitor, monitorSnapshot } from './input';

export const deleteMonitorInput = z.object({ id: entityId });

/** Removes a monitor with its schedule and results; the component keeps its status and history. */
export async function deleteMonitor({ ctx, input }: { ctx: ServiceContext; input: z.input<typeof deleteMonitorInput> }) {
  requireRole(ctx, WRITERS);
  const { id } = parseInput(deleteMonitorInput, input);
  const now = nowOf(ctx);
  return withTransaction(ctx, async (tx) => {
    const page = await resolvePage(tx);
    const before = await lockMonitor(tx, id, page.id);
    await tx.delete(monitors).where(eq(monitors.id, id));
    await writeAudit(tx, ctx.actor, {
      action: 'monitor.delete',
      entityType: 'monitor',
      entityId: id,
      before: monitorSnapshot(before),
      at: now,
    });
    return { id };
  });
}
