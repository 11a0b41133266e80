import { maintenanceComponents, maintenances } from '../../../db/schema';
import { ServiceError } from '../../errors';
import { appendEvidence } from '../../evidence/append';
import { recordSlaInputs } from '../../evidence/sla-inputs';
import { publishChange } from '../../events/publish';
import { evaluatePlan } from '../../maintenance/plan';
import { enqueueMaintenanceNotice, maintenanceNoticeKey } from '../../maintenance/notices';
import { resolvePage } from '../../pages/context';
import { writeAudit } from '../audit/write';
import { actorUserId, nowOf, requireRole, withTransaction, WRITERS, type ServiceContext } from '../context';
import { maintenanceFields, parseOrThrow } from './input';

/**
 * Announces a maintenance: the record keeps when customers were told and whether that met the
 * policy (late notice, outside the preferred window) as facts for the SLA report. The operator
 * may save against the policy; the consequences are recorded, not refused.
 */
export async function scheduleMaintenance({ ctx, input }: { ctx: ServiceContext; input: unknown }) {
  requireRole(ctx, WRITERS);
  const fields = parseOrThrow(maintenanceFields, input);
  const now = nowOf(ctx);
  if (fields.scheduledEnd <= now) throw new ServiceError('invalid', 'invalid_input', { scheduledEnd: ['end_in_past'] });

  return withTransaction(ctx, async (tx) => {
    const page = await resolvePage(tx);
    const plan = await evaluatePlan(tx, page, {
      start: fields.scheduledStart,
      end: fields.scheduledEnd,
      announcedAt: now,
      componentIds: fields.componentIds,
    });
    const [row] = await tx
      .insert(maintenances)
      .values({
        pageId: page.id,
        title: fields.title,
        titleEn: fields.titleEn,
        body: fields.body,
        bodyEn: fields.bodyEn,
        scheduledStart: fields.scheduledStart,
        scheduledEnd: fields.scheduledEnd,
        expectedDowntimeMinutes: fields.expectedDowntimeMinutes,
        announcedAt: now,
        status: 'scheduled',
        lateNotice: plan.check.lateNotice,
        outOfWindow: plan.check.outOfWindow,
        autoComplete: plan.autoComplete,
        sequence: 0,
        createdBy: actorUserId(ctx.actor),
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await tx
      .insert(maintenanceComponents)
      .values(fields.componentIds.map((componentId) => ({ maintenanceId: row.id, componentId })));
    await appendEvidence(tx, [
      {
        kind: 'maintenance_post',
        occurredAt: now,
        content: {
          maintenanceId: row.id,
          post: 'announced',
          sequence: 0,
          title: row.title,
          body: row.body,
          scheduledStart: row.scheduledStart.toISOString(),
          scheduledEnd: row.scheduledEnd.toISOString(),
          componentIds: fields.componentIds,
        },
      },
    ]);
    await recordSlaInputs(tx, { maintenances: [row.id] }, now);
    await enqueueMaintenanceNotice(tx, row, {
      type: 'maintenance_announced',
      dedupeKey: maintenanceNoticeKey.announced(row.id),
      at: now,
      componentIds: fields.componentIds,
    });
    await writeAudit(tx, ctx.actor, {
      action: 'maintenance.schedule',
      entityType: 'maintenance',
      entityId: row.id,
      after: { ...row, componentIds: fields.componentIds },
      at: now,
    });
    await publishChange(tx, { type: 'maintenance', pageId: page.id, maintenanceId: row.id });
    return { maintenance: row, check: plan.check };
  });
}
