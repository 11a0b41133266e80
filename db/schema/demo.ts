import { pgTable, uuid, text, primaryKey } from './columns';

/**
 * What the demo seed made (one row per service, group, component, incident, maintenance), so
 * "remove demo data" removes exactly that and never something the operator added beside it.
 */
export const demoRows = pgTable(
  'demo_rows',
  {
    entityType: text('entity_type').$type<'service' | 'component_group' | 'component' | 'incident' | 'maintenance'>().notNull(),
    entityId: uuid('entity_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.entityType, t.entityId] })],
);
