import type { DbOrTx } from '../../db/client';
import { notificationMessages } from '../../db/schema';
import { currentHead } from '../evidence/heads';
import { publishChange } from '../events/publish';
import type { NoticeType } from './message-types';

export { NOTICE_TYPES, type NoticeType } from './message-types';

/**
 * Puts one notice in the outbox inside the caller's transaction. Only the message row is
 * written here, so posting costs the same for 10 or 100,000 subscribers: it commits or rolls
 * back with the post, and the dispatcher turns it into one delivery per confirmed subscriber
 * who chose any of `componentIds` (lib/notify/fan-out.ts), woken by the change event.
 * A repeated `dedupeKey` enqueues nothing (each reminder once, across workers and restarts).
 * The message keeps the chain head of this moment (after the post's own evidence row): every
 * copy sent carries it, so subscribers hold witnesses of the history.
 */
export async function enqueueNotice(
  tx: DbOrTx,
  notice: {
    pageId: string;
    type: NoticeType;
    componentIds: string[];
    /** The snapshot templates render (shapes in lib/notices/payload.ts). */
    payload: Record<string, unknown>;
    incidentId?: string | null;
    incidentUpdateId?: string | null;
    maintenanceId?: string | null;
    dedupeKey?: string | null;
    at: Date;
  },
): Promise<{ messageId: string | null }> {
  const head = await currentHead(tx);
  const [message] = await tx
    .insert(notificationMessages)
    .values({
      pageId: notice.pageId,
      type: notice.type,
      incidentId: notice.incidentId ?? null,
      incidentUpdateId: notice.incidentUpdateId ?? null,
      maintenanceId: notice.maintenanceId ?? null,
      dedupeKey: notice.dedupeKey ?? null,
      payload: notice.payload,
      componentIds: notice.componentIds,
      createdAt: notice.at,
      evidenceSeq: head?.seq ?? null,
      evidenceHash: head?.hash ?? null,
    })
    .onConflictDoNothing()
    .returning({ id: notificationMessages.id });
  if (!message) return { messageId: null };
  await publishChange(tx, { type: 'deliveries', pageId: notice.pageId, messageId: message.id });
  return { messageId: message.id };
}
