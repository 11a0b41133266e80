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
    componentIds: uuid('component_ids').array().notNull().default(sql`'{}'::uuid[]`),
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
    index('notification_messages_fan_out_idx').on(t.createdAt).where(sql`${t.fannedOutAt} is null`),
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

/** Mail kept when SMTP_URL is unset, readable by admins in the console. */
export const devMailbox = pgTable('dev_mailbox', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  to: text('to').notNull(),
  subject: text('subject').notNull(),
  text: text('text').notNull(),
  html: text('html'),
  headers: jsonb('headers').$type<Record<string, string>>().notNull().default({}),
  createdAt: timestamptz('created_at').notNull().defaultNow(),
});

/**
 * Append-only, hash-chained evidence: each row stores the previous row's hash and its own
 * over canonical content, so editing or deleting any row breaks the chain.
 */
export const evidence = pgTable(
  'evidence',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    kind: text('kind').notNull(),
    occurredAt: timestamptz('occurred_at').notNull(),
    content: jsonb('content').$type<Record<string, unknown>>().notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  // The SLA report reads first publications and first accepted deliveries from the chain.
  (t) => [
    index('evidence_incident_post_idx')
      .on(sql`(${t.content}->>'incidentId')`)
      .where(sql`${t.kind} = 'incident_post'`),
    index('evidence_delivery_sent_idx')
      .on(sql`(${t.content}->>'messageId')`)
      .where(sql`${t.kind} = 'delivery_result' and ${t.content}->>'outcome' = 'sent'`),
  ],
);

/** Alertmanager alerts seen, keyed for idempotency by fingerprint + startsAt. */
export const alertEvents = pgTable(
  'alert_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    fingerprint: text('fingerprint').notNull(),
    startsAt: timestamptz('starts_at').notNull(),
    status: text('status').$type<'firing' | 'resolved'>().notNull(),
    componentId: uuid('component_id'),
    incidentId: uuid('incident_id'),
    labels: jsonb('labels').$type<Record<string, string>>().notNull().default({}),
    receivedAt: timestamptz('received_at').notNull().defaultNow(),
    resolvedAt: timestamptz('resolved_at'),
  },
  (t) => [uniqueIndex('alert_events_fingerprint_idx').on(t.fingerprint, t.startsAt)],
);

/** Worker liveness, for /api/health. */
export const workerHeartbeats = pgTable('worker_heartbeats', {
  workerId: text('worker_id').primaryKey(),
  beatAt: timestamptz('beat_at').notNull().defaultNow(),
});

export type DeliveryRow = typeof deliveries.$inferSelect;
export type ChannelName = Channel;
export type { DeliveryStatus };
