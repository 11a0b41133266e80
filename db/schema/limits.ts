import { pgTable, text, integer, bigserial, timestamptz, index } from './columns';

/**
 * Every rate limit (sign-in, subscribe, Chatwork registration, API keys), shared by all web
 * instances and workers: one row per (rule, hashed subject), updated by one atomic upsert.
 * A sliding window is estimated from this fixed window's hits and the previous window's.
 */
export const rateLimits = pgTable(
  'rate_limits',
  {
    /** "<rule>:<sha-256 of the subject>": no address or email is stored in clear. */
    key: text('key').primaryKey(),
    windowStart: timestamptz('window_start').notNull(),
    hits: integer('hits').notNull(),
    previousHits: integer('previous_hits').notNull().default(0),
    /** After this the row limits nothing and may be deleted. */
    expiresAt: timestamptz('expires_at').notNull(),
  },
  (t) => [index('rate_limits_expires_idx').on(t.expiresAt)],
);

/**
 * Mail to operators (lock-out alerts) written inside the transaction that decided to send it and
 * sent later by the dispatcher's process, so a request never waits for SMTP.
 */
export const systemMailOutbox = pgTable(
  'system_mail_outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    to: text('to').notNull(),
    subject: text('subject').notNull(),
    text: text('text').notNull(),
    queuedAt: timestamptz('queued_at').notNull().defaultNow(),
    nextAttemptAt: timestamptz('next_attempt_at').notNull().defaultNow(),
    attempts: integer('attempts').notNull().default(0),
    sentAt: timestamptz('sent_at'),
    lastError: text('last_error'),
  },
  (t) => [index('system_mail_outbox_due_idx').on(t.sentAt, t.nextAttemptAt)],
);
