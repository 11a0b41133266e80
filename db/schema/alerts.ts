import { pgTable, uuid, text, timestamptz, jsonb, bigserial, uniqueIndex } from './columns';

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
