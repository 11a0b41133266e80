import { pgTable, uuid, text, timestamptz, real, boolean, index, bigserial } from './columns';
import type { ComponentStatus } from '../../lib/domain/statuses';
import { pages, services } from './pages';

export const componentGroups = pgTable('component_groups', {
  id: uuid('id').primaryKey().defaultRandom(),
  pageId: uuid('page_id')
    .notNull()
    .references(() => pages.id, { onDelete: 'cascade' }),
  serviceId: uuid('service_id').references(() => services.id, { onDelete: 'set null' }),
  name: text('name').notNull(),
  nameEn: text('name_en'),
  /** SLA function group key in the service's policy (e.g. "client", "consumer"). */
  functionGroup: text('function_group'),
  position: real('position').notNull().default(0),
  createdAt: timestamptz('created_at').notNull().defaultNow(),
});

export const components = pgTable(
  'components',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    pageId: uuid('page_id')
      .notNull()
      .references(() => pages.id, { onDelete: 'cascade' }),
    serviceId: uuid('service_id').references(() => services.id, { onDelete: 'set null' }),
    groupId: uuid('group_id').references(() => componentGroups.id, { onDelete: 'set null' }),
    name: text('name').notNull(),
    nameEn: text('name_en'),
    description: text('description'),
    descriptionEn: text('description_en'),
    /** Overrides the group's function group for SLA maths when set. */
    functionGroup: text('function_group'),
    position: real('position').notNull().default(0),
    status: text('status').$type<ComponentStatus>().notNull().default('operational'),
    /** Value of the Alertmanager label that maps alerts to this component. */
    alertKey: text('alert_key'),
    onlyShowIfDegraded: boolean('only_show_if_degraded').notNull().default(false),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    updatedAt: timestamptz('updated_at').notNull().defaultNow(),
    deletedAt: timestamptz('deleted_at'),
  },
  (t) => [index('components_page_idx').on(t.pageId)],
);

/**
 * The one source of truth for uptime: each row is a period [from, to) during which a
 * component had one status. The open row (to = null) is the current status.
 */
export const componentStatusChanges = pgTable(
  'component_status_changes',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    componentId: uuid('component_id')
      .notNull()
      .references(() => components.id, { onDelete: 'cascade' }),
    status: text('status').$type<ComponentStatus>().notNull(),
    from: timestamptz('from').notNull(),
    to: timestamptz('to'),
    /** What caused it: manual, incident, maintenance, alert, api, seed. */
    source: text('source').notNull().default('manual'),
    incidentId: uuid('incident_id'),
    maintenanceId: uuid('maintenance_id'),
    actorId: uuid('actor_id'),
  },
  (t) => [index('status_changes_component_from_idx').on(t.componentId, t.from)],
);
