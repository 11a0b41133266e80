import { pgTable, uuid, text, bigint, bigserial, timestamptz, index, uniqueIndex } from './columns';

export type HeadReason = 'daily' | 'incident_post';

/**
 * Chain heads published to customers (public page, JSON, feeds). Append-only: a database trigger
 * refuses UPDATE, DELETE and TRUNCATE, because a head once seen by a customer is a witness and
 * must never be taken back.
 */
export const evidenceHeads = pgTable(
  'evidence_heads',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** The evidence row this head names (evidence.seq) and its hash. */
    seq: bigint('seq', { mode: 'number' }).notNull(),
    hash: text('hash').notNull(),
    publishedAt: timestamptz('published_at').notNull(),
    reason: text('reason').$type<HeadReason>().notNull(),
    /** The JST calendar day ("2026-12-07") a daily head stands for: one per day. */
    day: text('day'),
    /** The incident whose post published this head. */
    incidentId: uuid('incident_id'),
  },
  (t) => [uniqueIndex('evidence_heads_day_idx').on(t.day), index('evidence_heads_published_idx').on(t.publishedAt)],
);
