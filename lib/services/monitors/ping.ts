import { and, eq, sql } from 'drizzle-orm';
import { monitors, monitorSchedules } from '../../../db/schema';
import { ServiceError } from '../../errors';
import { wakeCheckers } from '../../monitors/wake';
import type { Db } from '../context';

const TOKEN = /^[A-Za-z0-9_-]{32}$/;

/**
 * A heartbeat from a cron job or batch: the secret token in the URL is the only credential.
 * Records the ping; a monitor that is not up is re-evaluated at once rather than at its next
 * planned check. Unknown tokens are `not_found`, the same answer for every wrong guess.
 */
export async function pingMonitor({
  db,
  token,
  now = new Date(),
}: {
  db: Db;
  token: string;
  now?: Date;
}): Promise<{ monitorId: string }> {
  if (!TOKEN.test(token)) throw new ServiceError('not_found', 'monitor_not_found');
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(monitors)
      .set({ lastPushAt: now })
      .where(and(eq(monitors.pushToken, token), eq(monitors.type, 'push'), eq(monitors.enabled, true)))
      .returning({ id: monitors.id, state: monitors.state });
    if (!row) throw new ServiceError('not_found', 'monitor_not_found');
    if (row.state !== 'up') {
      await tx
        .update(monitorSchedules)
        .set({ nextCheckAt: now })
        .where(
          and(eq(monitorSchedules.monitorId, row.id), sql`${monitorSchedules.nextCheckAt} > ${now.toISOString()}::timestamptz`),
        );
      await wakeCheckers(tx, row.id);
    }
    return { monitorId: row.id };
  });
}
