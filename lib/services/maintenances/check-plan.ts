import { z } from 'zod';
import { eq } from 'drizzle-orm';
import { maintenances } from '../../../db/schema';
import { ServiceError } from '../../errors';
import { evaluatePlan } from '../../maintenance/plan';
import { announcedAtAfterEdit } from '../../maintenance/rules';
import { resolvePage } from '../../pages/context';
import { nowOf, requireRole, WRITERS, type ServiceContext } from '../context';
import { parseOrThrow } from './input';

const planInput = z
  .object({
    id: z.uuid().nullish(),
    scheduledStart: z.coerce.date(),
    scheduledEnd: z.coerce.date(),
    componentIds: z.array(z.uuid()).min(1),
  })
  .refine((v) => v.scheduledEnd > v.scheduledStart, { path: ['scheduledEnd'], message: 'end_before_start' });

/**
 * What saving this plan now would record: notice days, window and length checks against each
 * service's policy. Read-only; the scheduling form shows it live, before the operator saves.
 * For an edit, notice counts from now only if the times change (as editMaintenance records it).
 */
export async function checkMaintenancePlan({ ctx, input }: { ctx: ServiceContext; input: unknown }) {
  requireRole(ctx, WRITERS);
  const plan = parseOrThrow(planInput, input);
  const now = nowOf(ctx);
  const page = await resolvePage(ctx.db);
  let announcedAt = now;
  if (plan.id) {
    const [row] = await ctx.db.select().from(maintenances).where(eq(maintenances.id, plan.id));
    if (!row) throw new ServiceError('not_found', 'maintenance_not_found');
    announcedAt = announcedAtAfterEdit(
      { start: row.scheduledStart, end: row.scheduledEnd, announcedAt: row.announcedAt },
      { start: plan.scheduledStart, end: plan.scheduledEnd },
      now,
    );
  }
  const { check } = await evaluatePlan(ctx.db, page, {
    start: plan.scheduledStart,
    end: plan.scheduledEnd,
    announcedAt,
    componentIds: plan.componentIds,
  });
  return check;
}
