import { nowOf, requireRole, withTransaction, WRITERS, type ServiceContext } from '../context';
import { parseOrThrow, transitionInput } from './input';
import { applyStart, lockMaintenance } from './transitions';

/** An operator starts the work now, early or on time (the scheduler starts it at its start time otherwise). */
export async function startMaintenance({ ctx, input }: { ctx: ServiceContext; input: unknown }) {
  requireRole(ctx, WRITERS);
  const parsed = parseOrThrow(transitionInput, input);
  const now = nowOf(ctx);
  return withTransaction(ctx, async (tx) => {
    const row = await lockMaintenance(tx, parsed.id);
    return applyStart(tx, row, { at: now, now, actor: ctx.actor, text: parsed });
  });
}
