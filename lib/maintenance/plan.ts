import type { DbOrTx } from '../../db/client';
import { ServiceError } from '../errors';
import { loadPolicyScopes, loadScopeComponents, type ScopeComponent } from './policies';
import { autoCompleteFor, checkPlan, type PlanCheck, type PolicyScope } from './rules';

export type EvaluatedPlan = { scope: ScopeComponent[]; scopes: PolicyScope[]; check: PlanCheck; autoComplete: boolean };

/**
 * Loads the scope and the policies of the services it touches and checks the window against
 * them. Used before saving (live form feedback) and when saving, so both say the same.
 */
export async function evaluatePlan(
  db: DbOrTx,
  page: { id: string; timeZone: string },
  plan: { start: Date; end: Date; announcedAt: Date; componentIds: readonly string[] },
): Promise<EvaluatedPlan> {
  const scope = await loadScopeComponents(db, page.id, plan.componentIds);
  if (scope.length !== new Set(plan.componentIds).size) {
    throw new ServiceError('invalid', 'invalid_input', { componentIds: ['unknown_component'] });
  }
  const scopes = await loadPolicyScopes(db, scope, page.timeZone);
  return { scope, scopes, check: checkPlan(plan, scopes), autoComplete: autoCompleteFor(scopes) };
}
