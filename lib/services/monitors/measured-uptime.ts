import { z } from 'zod';
import { ROLES } from '../../domain/statuses';
import { measuredUptime, type MeasuredUptime } from '../../monitors/measured-uptime';
import { requireRole, type ServiceContext } from '../context';
import { parseInput } from '../parse-input';

export const measuredUptimeInput = z.object({ componentIds: z.array(z.uuid()).max(500), from: z.date(), to: z.date() });

/** Measured uptime of monitored components, for the SLA report beside the declared figures. */
export async function getMeasuredUptime({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: z.input<typeof measuredUptimeInput>;
}): Promise<MeasuredUptime[]> {
  requireRole(ctx, ROLES);
  const fields = parseInput(measuredUptimeInput, input);
  return measuredUptime(ctx.db, fields);
}
