import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';

/**
 * Checkers listen here to pick up a new, edited or pinged monitor at once instead of at their
 * next schedule sync. Kept off the public change channel, which rebuilds the public pages.
 */
export const MONITORS_CHANNEL = 'shirase_monitors';

export async function wakeCheckers(tx: DbOrTx, monitorId: string): Promise<void> {
  await tx.execute(sql`select pg_notify(${MONITORS_CHANNEL}, ${monitorId})`);
}
