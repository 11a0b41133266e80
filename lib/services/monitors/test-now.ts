import { env } from '../../env';
import { runCheck, type CheckResult } from '../../monitors/checks/run';
import { nowOf, requireRole, WRITERS, type ServiceContext } from '../context';
import { parseInput } from '../parse-input';
import { checkTargetAllowed, checkTypeFields, monitorFields } from './input';
import type { CreateMonitorInput } from './create';

/**
 * Runs one check of a monitor as the form describes it, before saving: same validation and
 * private-target guard as saving, nothing written. Push monitors have nothing to call.
 */
export async function testMonitorNow({ ctx, input }: { ctx: ServiceContext; input: CreateMonitorInput }): Promise<CheckResult> {
  requireRole(ctx, WRITERS);
  const fields = checkTypeFields(parseInput(monitorFields, input));
  await checkTargetAllowed(fields);
  const now = nowOf(ctx);
  return runCheck(
    { id: 'test', ...fields, lastPushAt: null, createdAt: now },
    { allowPrivate: env().MONITOR_ALLOW_PRIVATE === 'true', now: () => nowOf(ctx) },
  );
}
