// Targets and credit tiers judge one uptime figure: the whole service or a function group.
import type { CreditTier, SlaPolicy } from './policy';

export type UptimeVerdict = 'met' | 'missed' | 'no_target';

export interface CreditVerdict {
  due: boolean;
  /** The deepest tier reached (lowest threshold the figure is below); null when none. */
  tier: CreditTier | null;
}

/** Float noise must not turn an exact 98.000 into a miss. */
const PERCENT_EPSILON = 1e-9;

export function judgeUptime(uptimePercent: number | null, targetPercent: number | null): UptimeVerdict {
  if (targetPercent === null) return 'no_target';
  if (uptimePercent === null) return 'met';
  return uptimePercent + PERCENT_EPSILON >= targetPercent ? 'met' : 'missed';
}

/** `scope` is "service" or a function group key, matching CreditTier.appliesTo. */
export function creditFor(uptimePercent: number | null, scope: string, policy: SlaPolicy): CreditVerdict {
  if (uptimePercent === null) return { due: false, tier: null };
  let tier: CreditTier | null = null;
  for (const t of policy.creditTiers) {
    if (t.appliesTo !== scope || uptimePercent + PERCENT_EPSILON >= t.belowPercent) continue;
    if (!tier || t.belowPercent < tier.belowPercent) tier = t;
  }
  return { due: tier !== null, tier };
}
