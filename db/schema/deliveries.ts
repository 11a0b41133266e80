import { pgTable, uuid, text, timestamptz, integer, jsonb, bigint, bigserial, index, uniqueIndex } from './columns';
import { sql } from 'drizzle-orm';
import type { Channel, DeliveryStatus } from '../../lib/domain/statuses';
import { pages } from './pages';
import { subscribers } from './subscribers';

/** One notice to subscribers (incident opened, maintenance reminder, ...): the unit of fan-out. */
export const notificationMessages = pgTable(
  'notification_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    pageId: uuid('page_id')
      .notNull()
      .references(() => pages.id, { onDelete: 'cascade' }),
    type: text('type').notNull(),
    incidentId: uuid('incident_id'),
    incidentUpdateId: uuid('incident_update_id'),
    maintenanceId: uuid('maintenance_id'),
    /** Makes "each once" hold across workers and restarts (e.g. "maintenance:<id>:reminder:7d"). */
    dedupeKey: text('dedupe_key'),
    /** Snapshot of what the templates render, so a resend says what was said then. */
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    /** The affected components; subscribers who chose none of them are not sent this. */
    componentIds: uuid('component_ids')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    /** Last subscriber id turned into deliveries (lib/notify/fan-out.ts): fan-out resumes after it. */
    fanOutCursor: uuid('fan_out_cursor'),
    /** Set once every recipient has its deliveries row; null while the fan-out is under way. */
    fannedOutAt: timestamptz('fanned_out_at'),
    /** The evidence chain head when the message was written: every copy carries it (lib/evidence/heads.ts). */
    evidenceSeq: bigint('evidence_seq', { mode: 'number' }),
    evidenceHash: text('evidence_hash'),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('notification_messages_dedupe_idx').on(t.dedupeKey),
    index('notification_messages_incident_idx').on(t.incidentId),
    index('notification_messages_fan_out_idx')
      .on(t.createdAt)
      .where(sql`${t.fannedOutAt} is null`),
  ],
);

/** The outbox and the evidence of sending: one row per (message, recipient). */
export const deliveries = pgTable(
  'deliveries',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    messageId: uuid('message_id')
      .notNull()
      .references(() => notificationMessages.id, { onDelete: 'cascade' }),
    subscriberId: uuid('subscriber_id').references(() => subscribers.id, { onDelete: 'set null' }),
    channel: text('channel').$type<Channel>().notNull(),
    status: text('status').$type<DeliveryStatus>().notNull().default('queued'),
    queuedAt: timestamptz('queued_at').notNull().defaultNow(),
    nextAttemptAt: timestamptz('next_attempt_at').notNull().defaultNow(),
    claimedUntil: timestamptz('claimed_until'),
    attempts: integer('attempts').notNull().default(0),
    /** LINE X-Line-Retry-Key of the batch this row was last sent in. */
    batchKey: text('batch_key'),
    sentAt: timestamptz('sent_at'),
    providerMessageId: text('provider_message_id'),
    lastError: text('last_error'),
  },
  (t) => [
    uniqueIndex('deliveries_message_subscriber_idx').on(t.messageId, t.subscriberId),
    index('deliveries_due_idx').on(t.status, t.nextAttemptAt),
    index('deliveries_subscriber_idx').on(t.subscriberId),
    index('deliveries_batch_key_idx').on(t.batchKey),
  ],
);

export type { DeliveryStatus };
