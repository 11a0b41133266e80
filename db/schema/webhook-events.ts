import { index, pgTable, primaryKey, text, timestamptz } from './columns';

/**
 * Signed webhook events already acted on (LINE's webhookEventId, Chatwork's message id), kept
 * for a week: a replayed body carries a valid signature, so only memory can refuse it. `subject`
 * (LINE user id, Chatwork room) lets an event older than the newest one seen be ignored.
 */
export const webhookEvents = pgTable(
  'webhook_events',
  {
    source: text('source').$type<'line' | 'chatwork'>().notNull(),
    eventId: text('event_id').notNull(),
    subject: text('subject').notNull(),
    occurredAt: timestamptz('occurred_at').notNull(),
    receivedAt: timestamptz('received_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.source, t.eventId] }),
    index('webhook_events_subject_idx').on(t.source, t.subject, t.occurredAt),
  ],
);
