import { and, eq, isNull } from 'drizzle-orm';
import type { Tx } from '../../../db/client';
import { components, slaPolicies } from '../../../db/schema';
import { ServiceError } from '../../errors';
import { publishChange } from '../../events/publish';
import { findService, type ServiceRef } from './load-policy';
import type { SlaPolicy } from '../../sla/policy';
import { writeAudit } from '../audit/write';
import type { Actor } from '../context';

/**
 * Locks the service's policy row and checks nobody saved since the editor was opened
 * (`expectedUpdatedAt` is the ISO time the form was rendered with, "" when none was stored).
 */
export async function lockPolicy(
  tx: Tx,
  serviceId: string,
  expectedUpdatedAt: string,
): Promise<{ service: ServiceRef; before: Record<string, unknown> | null }> {
  const service = await findService(tx, serviceId);
  if (!service) throw new ServiceError('not_found', 'service_not_found');
  const [row] = await tx.select().from(slaPolicies).where(eq(slaPolicies.serviceId, serviceId)).for('update');
  if ((row?.updatedAt.toISOString() ?? '') !== expectedUpdatedAt) throw new ServiceError('conflict', 'policy_changed');
  return { service, before: row?.policy ?? null };
}

/** Upserts the policy with its audit row, and tells the public page its monthly figures changed. */
export async function storePolicy(
  tx: Tx,
  actor: Actor,
  entry: { service: ServiceRef; before: Record<string, unknown> | null; policy: SlaPolicy; action: string; at: Date },
): Promise<{ updatedAt: Date }> {
  const policy = entry.policy as unknown as Record<string, unknown>;
  await tx
    .insert(slaPolicies)
    .values({ serviceId: entry.service.id, policy, updatedAt: entry.at })
    .onConflictDoUpdate({ target: slaPolicies.serviceId, set: { policy, updatedAt: entry.at } });
  await writeAudit(tx, actor, {
    action: entry.action,
    entityType: 'sla_policy',
    entityId: entry.service.id,
    before: entry.before,
    after: policy,
    at: entry.at,
  });
  const members = await tx
    .select({ id: components.id })
    .from(components)
    .where(and(eq(components.serviceId, entry.service.id), isNull(components.deletedAt)));
  if (members.length)
    await publishChange(tx, { type: 'component', pageId: entry.service.pageId, componentIds: members.map((c) => c.id) });
  return { updatedAt: entry.at };
}
