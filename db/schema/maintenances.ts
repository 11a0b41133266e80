import { pgTable, uuid, text, timestamptz, integer, boolean, primaryKey, index } from './columns';
import type { MaintenanceStatus } from '../../lib/domain/statuses';
import { pages } from './pages';
import { components } from './components';

export const maintenances = pgTable(
  'maintenances',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    pageId: uuid('page_id')
      .notNull()
      .references(() => pages.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    titleEn: text('title_en'),
    body: text('body').notNull(),
    bodyEn: text('body_en'),
    scheduledStart: timestamptz('scheduled_start').notNull(),
    scheduledEnd: timestamptz('scheduled_end').notNull(),
    expectedDowntimeMinutes: integer('expected_downtime_minutes').notNull().default(0),
    /** When customers were first told: the start of the notice period the SLA counts. */
    announcedAt: timestamptz('announced_at').notNull().defaultNow(),
    actualStart: timestamptz('actual_start'),
    actualEnd: timestamptz('actual_end'),
    status: text('status').$type<MaintenanceStatus>().notNull().default('scheduled'),
    /** Facts kept for the SLA report at scheduling time. */
    lateNotice: boolean('late_notice').notNull().default(false),
    outOfWindow: boolean('out_of_window').notNull().default(false),
    /** The system closes it at its scheduled end only when the policy allows it; otherwise it overruns visibly. */
    autoComplete: boolean('auto_complete').notNull().default(false),
    overrunAlertedAt: timestamptz('overrun_alerted_at'),
    /** iCalendar SEQUENCE: bumped on every change customers can see. */
    sequence: integer('sequence').notNull().default(0),
    cancelledAt: timestamptz('cancelled_at'),
    createdBy: uuid('created_by'),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    updatedAt: timestamptz('updated_at').notNull().defaultNow(),
  },
  (t) => [index('maintenances_page_start_idx').on(t.pageId, t.scheduledStart)],
);

export const maintenanceComponents = pgTable(
  'maintenance_components',
  {
    maintenanceId: uuid('maintenance_id')
      .notNull()
      .references(() => maintenances.id, { onDelete: 'cascade' }),
    componentId: uuid('component_id')
      .notNull()
      .references(() => components.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.maintenanceId, t.componentId] })],
);

export const maintenanceUpdates = pgTable('maintenance_updates', {
  id: uuid('id').primaryKey().defaultRandom(),
  maintenanceId: uuid('maintenance_id')
    .notNull()
    .references(() => maintenances.id, { onDelete: 'cascade' }),
  status: text('status').$type<MaintenanceStatus>().notNull(),
  body: text('body').notNull(),
  bodyEn: text('body_en'),
  authorId: uuid('author_id'),
  createdAt: timestamptz('created_at').notNull().defaultNow(),
});
