import { z } from 'zod';
import { POLICY_TEMPLATES, policyFromTemplate } from '../../sla/templates';
import { ADMINS, nowOf, requireRole, withTransaction, type ServiceContext } from '../context';
import { parseInput } from '../parse-input';
import { lockPolicy, storePolicy } from './store';

const templateInput = z.object({
  serviceId: z.uuid(),
  expectedUpdatedAt: z.string().default(''),
  template: z.enum(POLICY_TEMPLATES),
  /** Replacing a stored policy loses its edits (they stay in the audit log): the admin confirms. */
  confirm: z.literal(true, { message: 'confirm_required' }),
});

/** Replaces a service's policy with a template (admins only), audited like any other save. */
export async function applyPolicyTemplate({ ctx, input }: { ctx: ServiceContext; input: unknown }) {
  requireRole(ctx, ADMINS);
  const { serviceId, expectedUpdatedAt, template } = parseInput(templateInput, input);
  const at = nowOf(ctx);
  return withTransaction(ctx, async (tx) => {
    const { service, before } = await lockPolicy(tx, serviceId, expectedUpdatedAt);
    const policy = policyFromTemplate(template, service.pageTimeZone);
    return storePolicy(tx, ctx.actor, { service, before, policy, action: 'sla_policy.template', at });
  });
}
