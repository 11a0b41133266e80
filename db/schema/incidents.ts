import { pgTable, uuid, text, timestamptz, boolean, primaryKey, index } from './columns';
import type { ComponentStatus, Impact, IncidentStatus, Severity, SlaExclusionKind } from '../../lib/domain/statuses';
import { pages } from './pages';
import { components } from './components';

export const incidents = pgTable(
  'incidents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    pageId: uuid('page_id')
      .notNull()
      .references(() => pages.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    titleEn: text('title_en'),
    severity: text('severity').$type<Severity>().notNull(),
    status: text('status').$type<IncidentStatus>().notNull(),
    impact: text('impact').$type<Impact>().notNull().default('minor'),
    /** Drafts (e.g. opened by an alert) are invisible to the public and notify nobody. */
    published: boolean('published').notNull().default(true),
    detectedAt: timestamptz('detected_at').notNull(),
    startedAt: timestamptz('started_at').notNull(),
    identifiedAt: timestamptz('identified_at'),
    monitoringAt: timestamptz('monitoring_at'),
    resolvedAt: timestamptz('resolved_at'),
    slaExcluded: boolean('sla_excluded').notNull().default(false),
    slaExclusionKind: text('sla_exclusion_kind').$type<SlaExclusionKind>(),
    slaExclusionReason: text('sla_exclusion_reason'),
    /** Set when a person typed or changed the detection time ("user:…", "api-key:…"); null when it came from the source. */
    detectedAtEnteredBy: text('detected_at_entered_by'),
    /** Recorded after the fact (Statuspage `backfilled`): by whom, and when it was entered. */
    backfilledBy: text('backfilled_by'),
    backfilledAt: timestamptz('backfilled_at'),
    postmortem: text('postmortem'),
    postmortemEn: text('postmortem_en'),
    postmortemAt: timestamptz('postmortem_at'),
    createdBy: uuid('created_by'),
    /** A withdrawn incident (posted by mistake, or demo data) leaves the public page, feeds and uptime; its evidence stays. */
    withdrawnAt: timestamptz('withdrawn_at'),
    /** Actor label ("user:<email>", "system:demo-remove") kept even if that user is deleted later. */
    withdrawnBy: text('withdrawn_by'),
    withdrawalReason: text('withdrawal_reason'),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    updatedAt: timestamptz('updated_at').notNull().defaultNow(),
  },
  (t) => [index('incidents_page_started_idx').on(t.pageId, t.startedAt)],
);

export const incidentUpdates = pgTable(
  'incident_updates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    incidentId: uuid('incident_id')
      .notNull()
      .references(() => incidents.id, { onDelete: 'cascade' }),
    status: text('status').$type<IncidentStatus>().notNull(),
    body: text('body').notNull(),
    bodyEn: text('body_en'),
    /** Component statuses set by this update, for the public timeline. */
    affectedComponents: text('affected_components').$type<string>(),
    notifySubscribers: boolean('notify_subscribers').notNull().default(true),
    authorId: uuid('author_id'),
    displayAt: timestamptz('display_at').notNull().defaultNow(),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    updatedAt: timestamptz('updated_at').notNull().defaultNow(),
  },
  (t) => [index('incident_updates_incident_idx').on(t.incidentId, t.displayAt)],
);

/** The components an incident affects, with the status it gave them. */
export const incidentComponents = pgTable(
  'incident_components',
  {
    incidentId: uuid('incident_id')
      .notNull()
      .references(() => incidents.id, { onDelete: 'cascade' }),
    componentId: uuid('component_id')
      .notNull()
      .references(() => components.id, { onDelete: 'cascade' }),
    status: text('status').$type<ComponentStatus>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.incidentId, t.componentId] })],
);

export const incidentTemplates = pgTable('incident_templates', {
  id: uuid('id').primaryKey().defaultRandom(),
  pageId: uuid('page_id')
    .notNull()
    .references(() => pages.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  title: text('title').notNull(),
  body: text('body').notNull(),
  status: text('status').$type<IncidentStatus>().notNull().default('investigating'),
  severity: text('severity').$type<Severity>().notNull().default('minor'),
  createdAt: timestamptz('created_at').notNull().defaultNow(),
});
