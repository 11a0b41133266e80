import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';

export const CHANGES_CHANNEL = 'shirase_changes';

export type ChangeEvent =
  | { type: 'component'; pageId: string; componentIds: string[] }
  | { type: 'incident'; pageId: string; incidentId: string }
  | { type: 'maintenance'; pageId: string; maintenanceId: string }
  | { type: 'deliveries'; pageId: string; messageId: string }
  | { type: 'evidence'; headId: number };

/**
 * Tells every web instance that public data changed (live stream, cached public bytes).
 * NOTIFY inside a transaction is delivered on commit, so listeners never see uncommitted data.
 */
export async function publishChange(tx: DbOrTx, event: ChangeEvent): Promise<void> {
  await tx.execute(sql`select pg_notify(${CHANGES_CHANNEL}, ${JSON.stringify(event)})`);
}
