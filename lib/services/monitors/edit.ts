import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { monitors, monitorSchedules } from '../../../db/schema';
import { wakeCheckers } from '../../monitors/wake';
import { resolvePage } from '../../pages/context';
import { writeAudit } from '../audit/write';
import { nowOf, requireRole, withTransaction, WRITERS, type ServiceContext } from '../context';
import { entityId, parseInput } from '../parse-input';
import { checkMonitorComponent, checkTargetAllowed, checkTypeFields, lockMonitor, monitorFields, monitorSnapshot } from './input';

export const editMonitorInput = z.object({ id: entityId, changes: monitorFields.omit({ type: true }).partial() });
export type EditMonitorInput = z.input<typeof editMonitorInput>;

/**
 * Changes a monitor (its type stays). A new target or interval makes it due at once, and the
 * failure count starts again, so a fixed typo does not inherit the old target's failures.
 */
export async function editMonitor({ ctx, input }: { ctx: ServiceContext; input: EditMonitorInput }) {
  requireRole(ctx, WRITERS);
  const { id, changes } = parseInput(editMonitorInput, input);
  const now = nowOf(ctx);
  return withTransaction(ctx, async (tx) => {
    const page = await resolvePage(tx);
    const before = await lockMonitor(tx, id, page.id);
    // Only the fields the caller sent: the schema's defaults must not overwrite the rest.
    const sent = Object.fromEntries(Object.entries(changes).filter(([key]) => key in (input.changes ?? {})));
    const merged = checkTypeFields(parseInput(monitorFields, { ...monitorSnapshot(before), ...sent }));
    await checkTargetAllowed(merged);
    await checkMonitorComponent(tx, page.id, merged.componentId);
    const [after] = await tx
      .update(monitors)
      .set({ ...merged, type: before.type, updatedAt: now })
      .where(eq(monitors.id, id))
      .returning();
    const reset =
      merged.target !== before.target ||
      merged.intervalSeconds !== before.intervalSeconds ||
      JSON.stringify(merged.settings) !== JSON.stringify(before.settings);
    if (reset)
      await tx
        .update(monitorSchedules)
        .set({ nextCheckAt: now, consecutiveFailures: 0, firstFailureAt: null })
        .where(eq(monitorSchedules.monitorId, id));
    await writeAudit(tx, ctx.actor, {
      action: 'monitor.edit',
      entityType: 'monitor',
      entityId: id,
      before: monitorSnapshot(before),
      after: monitorSnapshot(after),
      at: now,
    });
    await wakeCheckers(tx, id);
    return { id };
  });
}
