import { and, count, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { componentGroups, components, services } from '../../../db/schema';
import { ServiceError } from '../../errors';
import { resolvePage } from '../../pages/context';
import { writeAudit } from '../audit/write';
import { ADMINS, nowOf, requireRole, withTransaction, type ServiceContext } from '../context';
import { entityId, parseInput } from '../parse-input';
import { findPageService, serviceSnapshot } from './fields';

const archiveInput = z.object({ id: entityId, archived: z.boolean() });

/**
 * Archives a service (or brings it back). Its policy and past reports stay; it leaves the
 * choice lists. Refused while a component or group still counts towards it, so no component
 * silently drops out of every SLA report.
 */
export async function setServiceArchived({ ctx, input }: { ctx: ServiceContext; input: z.input<typeof archiveInput> }) {
  requireRole(ctx, ADMINS);
  const { id, archived } = parseInput(archiveInput, input);
  const at = nowOf(ctx);
  return withTransaction(ctx, async (tx) => {
    const page = await resolvePage(tx);
    const before = await findPageService(tx, page.id, id);
    if (archived) {
      const [[members], [groups]] = await Promise.all([
        tx
          .select({ n: count() })
          .from(components)
          .where(and(eq(components.serviceId, id), isNull(components.deletedAt))),
        tx.select({ n: count() }).from(componentGroups).where(eq(componentGroups.serviceId, id)),
      ]);
      if (members.n + groups.n > 0) throw new ServiceError('conflict', 'service_in_use');
    }
    const [after] = await tx
      .update(services)
      .set({ archivedAt: archived ? (before.archivedAt ?? at) : null })
      .where(eq(services.id, id))
      .returning();
    await writeAudit(tx, ctx.actor, {
      action: archived ? 'service.archive' : 'service.restore',
      entityType: 'service',
      entityId: id,
      before: serviceSnapshot(before),
      after: serviceSnapshot(after),
      at,
    });
    return { id };
  });
}
