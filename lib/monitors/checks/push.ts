import type { CheckOptions, CheckResult, CheckTarget } from './types';

/**
 * A push monitor is down once it has been silent for longer than its interval plus grace;
 * the failure began when that allowance ran out, not when a checker noticed.
 */
export function checkPush(target: CheckTarget, options: CheckOptions): CheckResult {
  const allowanceMs = (target.intervalSeconds + (target.settings.graceSeconds ?? 0)) * 1000;
  const since = target.lastPushAt ?? target.createdAt;
  const deadline = since.getTime() + allowanceMs;
  if (options.now().getTime() <= deadline) return { ok: true, latencyMs: null };
  return {
    ok: false,
    latencyMs: null,
    error: target.lastPushAt ? `no ping since ${target.lastPushAt.toISOString()}` : 'no ping received yet',
    failedSince: new Date(deadline),
  };
}
