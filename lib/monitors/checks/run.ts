import { checkDns } from './dns';
import { checkHttp } from './http';
import { checkPush } from './push';
import { checkTcp } from './tcp';
import { describeError, type CheckOptions, type CheckResult, type CheckTarget } from './types';

/** Runs one check of any type; never throws (a bug in a check is a failed check, logged). */
export async function runCheck(target: CheckTarget, options: CheckOptions): Promise<CheckResult> {
  try {
    switch (target.type) {
      case 'http':
        return await checkHttp(target, options);
      case 'tcp':
        return await checkTcp(target, options);
      case 'dns':
        return await checkDns(target, options);
      case 'push':
        return checkPush(target, options);
    }
  } catch (error) {
    return { ok: false, latencyMs: null, error: describeError(error) };
  }
}

export type { CheckResult, CheckTarget };
