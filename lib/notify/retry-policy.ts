// When a delivery that failed for a passing reason is tried again, and when it stops.

export interface RetryPolicy {
  /** Sends tried before a row is dead; a claim counts as one even if the worker then crashed. */
  maxAttempts: number;
  /** Delay after the first failure; doubles with each further one. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Share of the delay drawn at random (±), so rows failed together do not return together. */
  jitter: number;
}

// 8 attempts over about 32 minutes: well inside the 1-hour first-notice target, and long
// enough to ride out a provider's short outage.
export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 8, baseDelayMs: 15_000, maxDelayMs: 15 * 60_000, jitter: 0.25 };

/**
 * Delay before the next attempt after `attempts` failed ones: exponential with jitter, and never
 * sooner than the provider's Retry-After (or rate-limit reset) when it gave one.
 */
export function retryDelayMs(
  attempts: number,
  retryAfterMs: number | undefined,
  policy: RetryPolicy,
  random: () => number = Math.random,
): number {
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempts - 1));
  const jittered = exponential * (1 - policy.jitter + 2 * policy.jitter * random());
  return Math.round(Math.max(jittered, retryAfterMs ?? 0));
}
