import { and, eq, max } from 'drizzle-orm';
import { z } from 'zod';
import { componentGroups, services } from '../../../db/schema';
import { ServiceError } from '../../errors';
import type { DbOrTx } from '../context';
import { entityId, optionalText, requiredText } from '../parse-input';

export const groupFields = z.object({
  name: requiredText(100),
  nameEn: optionalText(100),
  /** The service whose SLA policy the group's components count towards. */
  serviceId: entityId.nullish().transform((v) => v ?? null),
  /** Key of a function group in that policy (e.g. "client", "consumer"). */
  functionGroup: optionalText(50),
});

export async function checkService(tx: DbOrTx, pageId: string, serviceId: string | null): Promise<void> {
  if (!serviceId) return;
  const [row] = await tx
    .select({ id: services.id })
    .from(services)
    .where(and(eq(services.id, serviceId), eq(services.pageId, pageId)));
  if (!row) throw new ServiceError('invalid', 'invalid_input', { serviceId: ['invalid_choice'] });
}

export async function nextGroupPosition(tx: DbOrTx, pageId: string): Promise<number> {
  const [last] = await tx
    .select({ position: max(componentGroups.position) })
    .from(componentGroups)
    .where(eq(componentGroups.pageId, pageId));
  return Math.floor(last?.position ?? -1) + 1;
}

export function groupSnapshot(row: typeof componentGroups.$inferSelect) {
  return {
    name: row.name,
    nameEn: row.nameEn,
    serviceId: row.serviceId,
    functionGroup: row.functionGroup,
    position: row.position,
  };
}
