// Starting points for a service's SLA policy, so nobody has to write one from scratch: the two
// contracts this product was built against (seeds 000 and 002) and an empty one.
import { callCenterPolicy, defaultSlaPolicy, marketingPolicy, type SlaPolicy } from './policy';

export const POLICY_TEMPLATES = ['call_center_98', 'marketing_99', 'blank'] as const;
export type PolicyTemplate = (typeof POLICY_TEMPLATES)[number];

export function policyFromTemplate(template: PolicyTemplate, timeZone: string): SlaPolicy {
  if (template === 'call_center_98') return structuredClone(callCenterPolicy);
  if (template === 'marketing_99') return structuredClone(marketingPolicy);
  return defaultSlaPolicy(timeZone);
}
