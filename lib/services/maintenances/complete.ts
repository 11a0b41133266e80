import { nowOf, requireRole, withTransaction, WRITERS, type ServiceContext } from '../context';
import { parseOrThrow, transitionInput } from './input';
import { applyComplete, lockMaintenance } from './transitions';

/**
 * An operator finishes the work now: early, on time, or late (the minutes past the announced
 * end then count as downtime, since the SLA report reads actual_end against scheduled_end).
 */
export async function completeMaintenance({ ctx, input }: { ctx: ServiceContext; input: unknown }) {
  requireRole(ctx, WRITERS);
  const parsed = parseOrThrow(transitionInput, input);
  const now = nowOf(ctx);
  return withTransaction(ctx, async (tx) => {
    const row = await lockMaintenance(tx, parsed.id);
    return applyComplete(tx, row, { at: now, now, actor: ctx.actor, text: parsed });
  });
}
