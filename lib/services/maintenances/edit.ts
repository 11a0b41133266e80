import { eq } from 'drizzle-orm';
import { maintenanceComponents, maintenances, pages } from '../../../db/schema';
import { ServiceError } from '../../errors';
import { appendEvidence } from '../../evidence/append';
import { recordSlaInputs } from '../../evidence/sla-inputs';
import { publishChange } from '../../events/publish';
import { evaluatePlan } from '../../maintenance/plan';
import { enqueueMaintenanceNotice, maintenanceNoticeKey, scopeComponentIds } from '../../maintenance/notices';
import { announcedAtAfterEdit } from '../../maintenance/rules';
import { writeAudit } from '../audit/write';
import { nowOf, requireRole, withTransaction, WRITERS, type ServiceContext } from '../context';
import { maintenanceFields, parseMaintenanceId, parseOrThrow } from './input';
import { lockMaintenance } from './transitions';

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((id) => b.includes(id));

/**
 * Changes a scheduled (or, for its texts, a running) maintenance: SEQUENCE goes up and
 * subscribers of the old and new scope hear of the change once. The policy facts are taken
 * again, with the notice counted from now when customers learn new times.
 */
export async function editMaintenance({ ctx, input }: { ctx: ServiceContext; input: unknown }) {
  requireRole(ctx, WRITERS);
  const id = parseMaintenanceId((input as { id?: unknown } | null)?.id);
  const fields = parseOrThrow(maintenanceFields, input);
  const now = nowOf(ctx);

  return withTransaction(ctx, async (tx) => {
    const before = await lockMaintenance(tx, id);
    if (before.status === 'completed' || before.status === 'cancelled') throw new ServiceError('conflict', 'maintenance_closed');
    const scopeBefore = await scopeComponentIds(tx, id);
    const timesChanged =
      before.scheduledStart.getTime() !== fields.scheduledStart.getTime() ||
      before.scheduledEnd.getTime() !== fields.scheduledEnd.getTime();
    const scopeChanged = !sameSet(scopeBefore, fields.componentIds);
    // Once running, times and scope are facts: extend by posting an update (overrun counts as downtime).
    if (before.status !== 'scheduled' && (timesChanged || scopeChanged))
      throw new ServiceError('conflict', 'maintenance_running_times_fixed');
    if (timesChanged && fields.scheduledEnd <= now)
      throw new ServiceError('invalid', 'invalid_input', { scheduledEnd: ['end_in_past'] });
    const textChanged =
      before.title !== fields.title ||
      before.titleEn !== fields.titleEn ||
      before.body !== fields.body ||
      before.bodyEn !== fields.bodyEn ||
      before.expectedDowntimeMinutes !== fields.expectedDowntimeMinutes;
    if (!timesChanged && !scopeChanged && !textChanged) return { maintenance: before, changed: false as const };

    const [page] = await tx.select({ id: pages.id, timeZone: pages.timeZone }).from(pages).where(eq(pages.id, before.pageId));
    const announcedAt = announcedAtAfterEdit(
      { start: before.scheduledStart, end: before.scheduledEnd, announcedAt: before.announcedAt },
      { start: fields.scheduledStart, end: fields.scheduledEnd },
      now,
    );
    const plan = await evaluatePlan(tx, page, {
      start: fields.scheduledStart,
      end: fields.scheduledEnd,
      announcedAt,
      componentIds: fields.componentIds,
    });
    const [after] = await tx
      .update(maintenances)
      .set({
        title: fields.title,
        titleEn: fields.titleEn,
        body: fields.body,
        bodyEn: fields.bodyEn,
        scheduledStart: fields.scheduledStart,
        scheduledEnd: fields.scheduledEnd,
        expectedDowntimeMinutes: fields.expectedDowntimeMinutes,
        announcedAt,
        lateNotice: plan.check.lateNotice,
        outOfWindow: plan.check.outOfWindow,
        autoComplete: plan.autoComplete,
        sequence: before.sequence + 1,
        updatedAt: now,
      })
      .where(eq(maintenances.id, id))
      .returning();
    if (scopeChanged) {
      await tx.delete(maintenanceComponents).where(eq(maintenanceComponents.maintenanceId, id));
      await tx
        .insert(maintenanceComponents)
        .values(fields.componentIds.map((componentId) => ({ maintenanceId: id, componentId })));
    }
    await appendEvidence(tx, [
      {
        kind: 'maintenance_post',
        occurredAt: now,
        content: {
          maintenanceId: id,
          post: 'changed',
          sequence: after.sequence,
          title: after.title,
          body: after.body,
          scheduledStart: after.scheduledStart.toISOString(),
          scheduledEnd: after.scheduledEnd.toISOString(),
          componentIds: fields.componentIds,
        },
      },
    ]);
    await recordSlaInputs(tx, { maintenances: [id] }, now);
    await enqueueMaintenanceNotice(tx, after, {
      type: 'maintenance_changed',
      dedupeKey: maintenanceNoticeKey.changed(id, after.sequence),
      at: now,
      componentIds: fields.componentIds,
      audienceComponentIds: [...new Set([...scopeBefore, ...fields.componentIds])],
    });
    await writeAudit(tx, ctx.actor, {
      action: 'maintenance.edit',
      entityType: 'maintenance',
      entityId: id,
      before: { ...before, componentIds: scopeBefore },
      after: { ...after, componentIds: fields.componentIds },
      at: now,
    });
    await publishChange(tx, { type: 'maintenance', pageId: before.pageId, maintenanceId: id });
    return { maintenance: after, changed: true as const, check: plan.check };
  });
}
