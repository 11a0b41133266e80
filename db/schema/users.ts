import { sql } from 'drizzle-orm';
import { pgTable, uuid, text, timestamptz, index, bigserial, bigint, boolean, integer, jsonb, primaryKey } from './columns';
import type { Role } from '../../lib/domain/statuses';

export const users = pgTable('users', {
  id: uuid('id').primaryKey().defaultRandom(),
  email: text('email').notNull().unique(),
  name: text('name').notNull().default(''),
  role: text('role').$type<Role>().notNull(),
  locale: text('locale').$type<'ja' | 'en'>().notNull().default('ja'),
  /** argon2id; null until an invited user sets a password. */
  passwordHash: text('password_hash'),
  disabledAt: timestamptz('disabled_at'),
  /** TOTP secret, sealed (lib/services/sessions/totp-sealing.ts), set at enrolment; two-factor is on once totpEnabledAt is set. */
  totpSecret: text('totp_secret'),
  totpEnabledAt: timestamptz('totp_enabled_at'),
  /** The last 30-second step accepted, so one code cannot be used twice. */
  totpLastStep: bigint('totp_last_step', { mode: 'number' }),
  /** SHA-256 of each unused recovery code. */
  recoveryCodeHashes: text('recovery_code_hashes')
    .array()
    .notNull()
    .default(sql`'{}'::text[]`),
  createdAt: timestamptz('created_at').notNull().defaultNow(),
});

/** Server-side sessions: the cookie carries a random token, only its SHA-256 is stored. */
export const sessions = pgTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    expiresAt: timestamptz('expires_at').notNull(),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    ip: text('ip'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

export const loginAttempts = pgTable(
  'login_attempts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    email: text('email').notNull(),
    ip: text('ip').notNull(),
    succeeded: boolean('succeeded').notNull(),
    at: timestamptz('at').notNull().defaultNow(),
  },
  (t) => [index('login_attempts_email_idx').on(t.email, t.at), index('login_attempts_ip_idx').on(t.ip, t.at)],
);

export const invitations = pgTable('invitations', {
  tokenHash: text('token_hash').primaryKey(),
  email: text('email').notNull(),
  role: text('role').$type<Role>().notNull(),
  invitedBy: uuid('invited_by'),
  expiresAt: timestamptz('expires_at').notNull(),
  acceptedAt: timestamptz('accepted_at'),
  createdAt: timestamptz('created_at').notNull().defaultNow(),
});

export const apiKeys = pgTable('api_keys', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  /** First characters of the key, shown in lists so people can tell keys apart. */
  prefix: text('prefix').notNull(),
  keyHash: text('key_hash').notNull().unique(),
  /** What the key may do: operators post incidents and maintenance; admins also manage subscribers. */
  role: text('role').$type<'admin' | 'operator'>().notNull().default('operator'),
  createdBy: uuid('created_by'),
  createdAt: timestamptz('created_at').notNull().defaultNow(),
  lastUsedAt: timestamptz('last_used_at'),
  revokedAt: timestamptz('revoked_at'),
});

/**
 * Answers to management API creates sent with an `Idempotency-Key`: a retry with the same key
 * and body gets the first answer instead of a second incident. Kept 24 hours.
 */
export const apiIdempotencyKeys = pgTable(
  'api_idempotency_keys',
  {
    apiKeyId: uuid('api_key_id')
      .notNull()
      .references(() => apiKeys.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    status: integer('status').notNull(),
    response: jsonb('response').$type<Record<string, unknown>>().notNull(),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.apiKeyId, t.key] })],
);
