import { z } from 'zod';
import { ServiceError } from '../../errors';
import { applyPolicyForm, flattenForm } from '../../sla/policy-form';
import { loadStoredPolicy } from '../../sla/load-policy';
import { ADMINS, nowOf, requireRole, withTransaction, type ServiceContext } from '../context';
import { parseInput } from '../parse-input';
import { lockPolicy, storePolicy } from './store';

const editInput = z.looseObject({ serviceId: z.uuid(), expectedUpdatedAt: z.string().default('') });

/**
 * Saves the console form's main figures onto the service's policy (admins only). The whole
 * result is validated by the policy schema; a bad field changes nothing and is named.
 */
export async function editSlaPolicy({ ctx, input }: { ctx: ServiceContext; input: unknown }) {
  requireRole(ctx, ADMINS);
  const { serviceId, expectedUpdatedAt, ...fields } = parseInput(editInput, input);
  const at = nowOf(ctx);
  return withTransaction(ctx, async (tx) => {
    const { service, before } = await lockPolicy(tx, serviceId, expectedUpdatedAt);
    const current = await loadStoredPolicy(tx, service);
    const result = applyPolicyForm(current.policy, flattenForm(fields));
    if ('errors' in result) throw new ServiceError('invalid', 'invalid_input', result.errors);
    return storePolicy(tx, ctx.actor, { service, before, policy: result.policy, action: 'sla_policy.edit', at });
  });
}
