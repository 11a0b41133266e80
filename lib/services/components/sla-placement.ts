import { and, eq } from 'drizzle-orm';
import { services } from '../../../db/schema';
import { ServiceError } from '../../errors';
import { findService, loadStoredPolicy } from '../sla-policies/load-policy';
import type { DbOrTx } from '../context';

/**
 * Where a component counts in the SLA reports: a live service of the page and, when given, a
 * function group that service's policy defines. `current` is the component's present service,
 * which may stay even if it was archived since.
 */
export async function checkSlaPlacement(
  tx: DbOrTx,
  pageId: string,
  placement: { serviceId: string | null; functionGroup: string | null },
  current: string | null = null,
): Promise<void> {
  const { serviceId, functionGroup } = placement;
  if (!serviceId) {
    if (functionGroup) throw new ServiceError('invalid', 'invalid_input', { functionGroup: ['function_group_needs_service'] });
    return;
  }
  const [row] = await tx
    .select({ archivedAt: services.archivedAt })
    .from(services)
    .where(and(eq(services.id, serviceId), eq(services.pageId, pageId)));
  if (!row || (row.archivedAt && serviceId !== current))
    throw new ServiceError('invalid', 'invalid_input', { serviceId: ['invalid_choice'] });
  if (!functionGroup) return;
  const { policy } = await loadStoredPolicy(tx, (await findService(tx, serviceId))!);
  if (!policy.functionGroups.some((g) => g.key === functionGroup)) {
    throw new ServiceError('invalid', 'invalid_input', { functionGroup: ['unknown_function_group'] });
  }
}
