import { sql } from 'drizzle-orm';
import { pgTable, text, timestamptz, jsonb, bigserial, index } from './columns';

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
