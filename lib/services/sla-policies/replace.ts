import { z } from 'zod';
import { ServiceError } from '../../errors';
import { policyFieldErrors } from '../../sla/policy-form';
import { slaPolicySchema } from '../../sla/policy';
import { unstorablePath } from '../../security/unstorable';
import { ADMINS, nowOf, requireRole, withTransaction, type ServiceContext } from '../context';
import { parseInput } from '../parse-input';
import { lockPolicy, storePolicy } from './store';

const replaceInput = z.object({
  serviceId: z.uuid(),
  expectedUpdatedAt: z.string().default(''),
  policyJson: z.string().trim().min(1).max(200_000),
});

/**
 * Replaces a service's whole policy from the console's JSON view (admins only). Problems are
 * reported under "policyJson" and, per place in the document, under their JSON path.
 */
export async function replaceSlaPolicy({ ctx, input }: { ctx: ServiceContext; input: unknown }) {
  requireRole(ctx, ADMINS);
  const { serviceId, expectedUpdatedAt, policyJson } = parseInput(replaceInput, input);
  let document: unknown;
  try {
    document = JSON.parse(policyJson);
  } catch {
    throw new ServiceError('invalid', 'invalid_input', { policyJson: ['json_syntax'] });
  }
  // Text PostgreSQL's jsonb cannot store (NUL, lone surrogates) is named like any other bad value.
  const unstorable = unstorablePath(document);
  if (unstorable) throw new ServiceError('invalid', 'invalid_input', { policyJson: ['json_invalid'], [unstorable]: ['invalid'] });
  const parsed = slaPolicySchema.safeParse(document);
  if (!parsed.success)
    throw new ServiceError('invalid', 'invalid_input', { policyJson: ['json_invalid'], ...policyFieldErrors(parsed.error) });
  const at = nowOf(ctx);
  return withTransaction(ctx, async (tx) => {
    const { service, before } = await lockPolicy(tx, serviceId, expectedUpdatedAt);
    return storePolicy(tx, ctx.actor, { service, before, policy: parsed.data, action: 'sla_policy.replace', at });
  });
}
