import { eq } from 'drizzle-orm';
import { maintenances } from '../../../db/schema';
import { ServiceError } from '../../errors';
import { publishChange } from '../../events/publish';
import { writeAudit } from '../audit/write';
import { nowOf, requireRole, withTransaction, WRITERS, type ServiceContext } from '../context';
import { parseOrThrow, postUpdateInput } from './input';
import { lockMaintenance, postMaintenanceText } from './transitions';

/** A progress note on the maintenance page ("the database switch-over is done"), kept as evidence. */
export async function postMaintenanceUpdate({ ctx, input }: { ctx: ServiceContext; input: unknown }) {
  requireRole(ctx, WRITERS);
  const parsed = parseOrThrow(postUpdateInput, input);
  const now = nowOf(ctx);
  return withTransaction(ctx, async (tx) => {
    const m = await lockMaintenance(tx, parsed.id);
    if (m.status === 'cancelled') throw new ServiceError('conflict', 'maintenance_closed');
    const updateId = await postMaintenanceText(tx, m, {
      status: m.status,
      body: parsed.body,
      bodyEn: parsed.bodyEn,
      at: now,
      actor: ctx.actor,
      kind: 'update',
    });
    await tx.update(maintenances).set({ updatedAt: now }).where(eq(maintenances.id, m.id));
    await writeAudit(tx, ctx.actor, {
      action: 'maintenance.post_update',
      entityType: 'maintenance',
      entityId: m.id,
      after: { updateId, status: m.status, body: parsed.body, bodyEn: parsed.bodyEn },
      at: now,
    });
    await publishChange(tx, { type: 'maintenance', pageId: m.pageId, maintenanceId: m.id });
    return { updateId };
  });
}
