import type { z } from 'zod';
import { randomBytes } from 'node:crypto';
import { monitors } from '../../../db/schema';
import { scheduleInKnownRegions } from '../../monitors/schedule';
import { wakeCheckers } from '../../monitors/wake';
import { resolvePage } from '../../pages/context';
import { writeAudit } from '../audit/write';
import { nowOf, requireRole, withTransaction, WRITERS, type ServiceContext } from '../context';
import { parseInput } from '../parse-input';
import { checkMonitorComponent, checkTargetAllowed, checkTypeFields, monitorFields, monitorSnapshot } from './input';

export const createMonitorInput = monitorFields;
export type CreateMonitorInput = z.input<typeof createMonitorInput>;

/** Adds a monitor; checkers pick it up within seconds. A push monitor gets its secret URL token. */
export async function createMonitor({ ctx, input }: { ctx: ServiceContext; input: CreateMonitorInput }) {
  requireRole(ctx, WRITERS);
  const fields = checkTypeFields(parseInput(createMonitorInput, input));
  await checkTargetAllowed(fields);
  const now = nowOf(ctx);
  return withTransaction(ctx, async (tx) => {
    const page = await resolvePage(tx);
    await checkMonitorComponent(tx, page.id, fields.componentId);
    const [row] = await tx
      .insert(monitors)
      .values({
        ...fields,
        pageId: page.id,
        pushToken: fields.type === 'push' ? randomBytes(24).toString('base64url') : null,
        state: 'pending',
        stateSince: now,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await writeAudit(tx, ctx.actor, {
      action: 'monitor.create',
      entityType: 'monitor',
      entityId: row.id,
      after: monitorSnapshot(row),
      at: now,
    });
    await scheduleInKnownRegions(tx, row.id);
    await wakeCheckers(tx, row.id);
    return { id: row.id };
  });
}
