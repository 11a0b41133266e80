import { eq } from 'drizzle-orm';
import { maintenances } from '../../../db/schema';
import { ServiceError } from '../../errors';
import { publishChange } from '../../events/publish';
import { t } from '../../i18n/messages';
import { enqueueMaintenanceNotice, maintenanceNoticeKey } from '../../maintenance/notices';
import { writeAudit } from '../audit/write';
import { nowOf, requireRole, withTransaction, WRITERS, type ServiceContext } from '../context';
import { parseOrThrow, transitionInput } from './input';
import { lockMaintenance, postMaintenanceText } from './transitions';

/**
 * Calls off a maintenance that has not started: calendars receive STATUS:CANCELLED with a
 * higher SEQUENCE, and subscribers hear of it once. A running one is completed instead.
 */
export async function cancelMaintenance({ ctx, input }: { ctx: ServiceContext; input: unknown }) {
  requireRole(ctx, WRITERS);
  const parsed = parseOrThrow(transitionInput, input);
  const now = nowOf(ctx);
  return withTransaction(ctx, async (tx) => {
    const before = await lockMaintenance(tx, parsed.id);
    if (before.status === 'cancelled') throw new ServiceError('conflict', 'maintenance_closed');
    if (before.status !== 'scheduled') throw new ServiceError('conflict', 'maintenance_cancel_running');
    const [after] = await tx
      .update(maintenances)
      .set({ status: 'cancelled', cancelledAt: now, sequence: before.sequence + 1, updatedAt: now })
      .where(eq(maintenances.id, before.id))
      .returning();
    const text = parsed.body
      ? { body: parsed.body, bodyEn: parsed.bodyEn }
      : { body: t('ja', 'maintenance')('posts.cancelled'), bodyEn: t('en', 'maintenance')('posts.cancelled') };
    await postMaintenanceText(tx, after, { status: 'cancelled', ...text, at: now, actor: ctx.actor, kind: 'cancelled' });
    await enqueueMaintenanceNotice(tx, after, {
      type: 'maintenance_cancelled',
      dedupeKey: maintenanceNoticeKey.cancelled(after.id),
      at: now,
    });
    await writeAudit(tx, ctx.actor, {
      action: 'maintenance.cancel',
      entityType: 'maintenance',
      entityId: after.id,
      before,
      after,
      at: now,
    });
    await publishChange(tx, { type: 'maintenance', pageId: after.pageId, maintenanceId: after.id });
    return after;
  });
}
