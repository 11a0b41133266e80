import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../../db/client';
import { publishChange } from '../events/publish';
import { isNoticeType, MESSAGE_TYPES } from '../notices/message-types';

// Turning a posted notice into one deliveries row per recipient. Posting writes only the
// message (lib/notices/enqueue.ts), so an operator's post costs the same for 10 or 100,000
// subscribers; the dispatcher then fans it out here, a chunk of subscribers per transaction,
// in subscriber-id order with the position kept on the message. A worker that dies mid-way
// leaves the cursor where the last chunk committed, and the unique (message, subscriber) index
// makes a repeated chunk harmless. The message row is locked while a chunk is written, so two
// workers never fan out the same message at once.

export const FAN_OUT_CHUNK = 5_000;

export interface FanOutStep {
  messageId: string;
  /** Deliveries this step created. */
  queued: number;
  /** True when the message now has all its deliveries. */
  done: boolean;
}

/**
 * Fans out the next chunk of the oldest message still being fanned out; null when none is.
 * With `messageId`, waits for a worker fanning out that message instead of skipping it.
 */
export async function fanOutNextChunk(db: Db, options: { chunk?: number; messageId?: string } = {}): Promise<FanOutStep | null> {
  const chunk = options.chunk ?? FAN_OUT_CHUNK;
  return db.transaction(async (tx) => {
    const only = options.messageId ? sql`and id = ${options.messageId}::uuid` : sql``;
    const found = await tx.execute(sql`
      select id, page_id, type, component_ids, fan_out_cursor, created_at
      from notification_messages
      where fanned_out_at is null ${only}
      order by created_at, id
      limit 1
      for update ${options.messageId ? sql`` : sql`skip locked`}`);
    const message = rowsOf<{
      id: string;
      page_id: string;
      type: string;
      component_ids: string[] | string;
      fan_out_cursor: string | null;
      created_at: Date | string;
    }>(found)[0];
    if (!message) return null;

    // Only notices go to the audience; anything else (a confirmation mail) is addressed by its writer.
    const channels = isNoticeType(message.type) ? MESSAGE_TYPES[message.type].channels : [];
    const componentIds = parseUuidArray(message.component_ids);
    const at = new Date(message.created_at).toISOString();
    const after = message.fan_out_cursor ? sql`and s.id > ${message.fan_out_cursor}::uuid` : sql``;
    const written = await tx.execute(sql`
      with recipients as (
        select s.id, s.channel
        from subscribers s
        where s.page_id = ${message.page_id}::uuid
          and s.confirmed_at is not null
          and s.unsubscribed_at is null
          and s.disabled_at is null
          and s.channel = any(${pgTextArray(channels)}::text[])
          and (s.all_components or exists (
            select 1 from subscriber_components sc
            where sc.subscriber_id = s.id and sc.component_id = any(${pgTextArray(componentIds)}::uuid[])
          ))
          ${after}
        order by s.id
        limit ${chunk}
      ), inserted as (
        insert into deliveries (message_id, subscriber_id, channel, status, queued_at, next_attempt_at)
        select ${message.id}::uuid, r.id, r.channel, 'queued', ${at}::timestamptz, ${at}::timestamptz
        from recipients r
        on conflict do nothing
        returning 1
      )
      select (select count(*) from recipients)::int as seen,
             (select count(*) from inserted)::int as queued,
             (select r.id from recipients r order by r.id desc limit 1) as last`);
    const { seen, queued, last } = rowsOf<{ seen: number; queued: number; last: string | null }>(written)[0];
    const done = seen < chunk;
    await tx.execute(sql`
      update notification_messages
      set fan_out_cursor = coalesce(${last}::uuid, fan_out_cursor), fanned_out_at = ${done ? sql`now()` : sql`null`}
      where id = ${message.id}::uuid`);
    if (queued > 0) await publishChange(tx, { type: 'deliveries', pageId: message.page_id, messageId: message.id });
    return { messageId: message.id, queued: Number(queued), done };
  });
}

/** Fans out pending messages completely (tests, benchmarks); returns the deliveries this call created. */
export async function fanOutAll(db: Db, options: { messageId?: string } = {}): Promise<number> {
  let queued = 0;
  for (let step = await fanOutNextChunk(db, options); step; step = await fanOutNextChunk(db, options)) queued += step.queued;
  return queued;
}

/** Deliveries of a message still to be sent (queued or retrying); null while it is still being fanned out. */
export async function unsettledDeliveries(db: Db, messageId: string): Promise<number | null> {
  const result = await db.execute(sql`
    select m.fanned_out_at is not null as fanned_out,
           (select count(*) from deliveries d where d.message_id = m.id and d.status in ('queued', 'failed'))::int as pending
    from notification_messages m where m.id = ${messageId}::uuid`);
  const row = rowsOf<{ fanned_out: boolean; pending: number }>(result)[0];
  return row?.fanned_out ? Number(row.pending) : null;
}

/** Postgres array literal for a bound parameter: postgres.js and PGlite both take it as text. */
function pgTextArray(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;
}

function parseUuidArray(value: string[] | string): string[] {
  if (Array.isArray(value)) return value;
  return value
    .replace(/^\{|\}$/g, '')
    .split(',')
    .filter(Boolean);
}
