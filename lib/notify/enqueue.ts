import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { notificationMessages } from '../../db/schema';
import { publishChange } from '../events/publish';
import { MESSAGE_TYPES, type NoticeType } from './message-types';

export { NOTICE_TYPES, type NoticeType } from './message-types';

/**
 * Puts one notice in the outbox inside the caller's transaction: a message row plus one
 * delivery per confirmed subscriber who chose any of `componentIds` (or everything), written
 * by a single INSERT … SELECT so posting costs the same for 10 or 100,000 subscribers.
 * A repeated `dedupeKey` enqueues nothing (each reminder once, across workers and restarts).
 */
export async function enqueueNotice(
  tx: DbOrTx,
  notice: {
    pageId: string;
    type: NoticeType;
    componentIds: string[];
    /** The snapshot templates render (shapes in lib/notify/payload.ts). */
    payload: Record<string, unknown>;
    incidentId?: string | null;
    incidentUpdateId?: string | null;
    maintenanceId?: string | null;
    dedupeKey?: string | null;
    at: Date;
  },
): Promise<{ messageId: string | null; queued: number }> {
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
      createdAt: notice.at,
    })
    .onConflictDoNothing()
    .returning({ id: notificationMessages.id });
  if (!message) return { messageId: null, queued: 0 };

  const componentArray = sql`array[${sql.join(
    notice.componentIds.map((id) => sql`${id}::uuid`),
    sql`, `,
  )}]::uuid[]`;
  const channels = sql`array[${sql.join(
    MESSAGE_TYPES[notice.type].channels.map((channel) => sql`${channel}`),
    sql`, `,
  )}]::text[]`;
  const at = notice.at.toISOString();
  const result = await tx.execute(sql`
    insert into deliveries (message_id, subscriber_id, channel, status, queued_at, next_attempt_at)
    select ${message.id}::uuid, s.id, s.channel, 'queued', ${at}::timestamptz, ${at}::timestamptz
    from subscribers s
    where s.page_id = ${notice.pageId}::uuid
      and s.confirmed_at is not null
      and s.unsubscribed_at is null
      and s.disabled_at is null
      and s.channel = any(${channels})
      and (s.all_components or exists (
        select 1 from subscriber_components sc
        where sc.subscriber_id = s.id and sc.component_id = any(${componentArray})
      ))
    on conflict do nothing`);
  await publishChange(tx, { type: 'deliveries', pageId: notice.pageId, messageId: message.id });
  return { messageId: message.id, queued: affectedRows(result) };
}

/** postgres.js reports `count`, PGlite `affectedRows`. */
function affectedRows(result: unknown): number {
  const r = result as { count?: number; affectedRows?: number };
  return Number(r.count ?? r.affectedRows ?? 0);
}
