import { z } from 'zod';
import { ServiceError } from '../../errors';
import { findService, listServices, loadStoredPolicy } from './load-policy';
import { ADMINS, requireRole, type ServiceContext } from '../context';
import { parseInput } from '../parse-input';

/** What the policy editor shows (admins only): the policy and the stored JSON. */
export async function getSlaPolicyEditor({ ctx, input }: { ctx: ServiceContext; input: unknown }) {
  requireRole(ctx, ADMINS);
  const { serviceId } = parseInput(z.object({ serviceId: z.uuid().optional() }), input);
  const service = serviceId ? await findService(ctx.db, serviceId) : ((await listServices(ctx.db))[0] ?? null);
  if (!service) throw new ServiceError('not_found', serviceId ? 'service_not_found' : 'no_services');
  const stored = await loadStoredPolicy(ctx.db, service);
  return {
    service,
    policy: stored.policy,
    stored: stored.stored,
    json: JSON.stringify(stored.stored ? stored.policy : (stored.raw ?? stored.policy), null, 2),
    expectedUpdatedAt: stored.updatedAt?.toISOString() ?? '',
  };
}
