import { pgTable, uuid, text, timestamptz, integer, boolean, jsonb, bigserial, index, primaryKey } from './columns';
import type { ComponentStatus } from '../../lib/domain/statuses';
import type { MonitorSettings, MonitorState, MonitorType } from '../../lib/monitors/kinds';
import { pages } from './pages';
import { components } from './components';
import { users } from './users';

/** A check Shirase runs itself (HTTP, TCP, DNS) or waits for (push), tied to one component. */
export const monitors = pgTable(
  'monitors',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    pageId: uuid('page_id')
      .notNull()
      .references(() => pages.id, { onDelete: 'cascade' }),
    componentId: uuid('component_id').references(() => components.id, { onDelete: 'set null' }),
    name: text('name').notNull(),
    type: text('type').$type<MonitorType>().notNull(),
    /** URL (http), host (tcp), name to resolve (dns); empty for push. */
    target: text('target').notNull().default(''),
    /** Type-specific options, validated by lib/monitors/kinds.ts. */
    settings: jsonb('settings').$type<MonitorSettings>().notNull().default({}),
    intervalSeconds: integer('interval_seconds').notNull(),
    timeoutMs: integer('timeout_ms').notNull(),
    /** Consecutive failures in a region before that region calls it down. */
    retries: integer('retries').notNull().default(2),
    /** Regions that must agree; null = a majority of the regions checking. */
    regionQuorum: integer('region_quorum'),
    downStatus: text('down_status').$type<ComponentStatus>().notNull().default('major_outage'),
    publishIncidents: boolean('publish_incidents').notNull().default(false),
    autoResolve: boolean('auto_resolve').notNull().default(false),
    enabled: boolean('enabled').notNull().default(true),
    /** Push monitors: the secret in their URL. */
    pushToken: text('push_token').unique(),
    lastPushAt: timestamptz('last_push_at'),
    state: text('state').$type<MonitorState>().notNull().default('pending'),
    stateSince: timestamptz('state_since').notNull().defaultNow(),
    /** The incident this monitor opened and has not seen resolved. */
    incidentId: uuid('incident_id'),
    /** Certificate expiry last seen, and the expiry an operator was already warned about. */
    tlsExpiresAt: timestamptz('tls_expires_at'),
    tlsWarnedFor: timestamptz('tls_warned_for'),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    updatedAt: timestamptz('updated_at').notNull().defaultNow(),
  },
  (t) => [index('monitors_page_idx').on(t.pageId)],
);

/**
 * One row per monitor and checker region: the schedule (next_check_at) and its lease. Checkers
 * claim due rows with FOR UPDATE SKIP LOCKED; a checker that dies lets its lease run out and
 * another takes the row, still due, so no check is lost.
 */
export const monitorSchedules = pgTable(
  'monitor_schedules',
  {
    monitorId: uuid('monitor_id')
      .notNull()
      .references(() => monitors.id, { onDelete: 'cascade' }),
    region: text('region').notNull(),
    nextCheckAt: timestamptz('next_check_at').notNull(),
    leaseUntil: timestamptz('lease_until'),
    leasedBy: text('leased_by'),
    consecutiveFailures: integer('consecutive_failures').notNull().default(0),
    /** Start of the current run of failures: the machine detection time. */
    firstFailureAt: timestamptz('first_failure_at'),
    lastCheckedAt: timestamptz('last_checked_at'),
    lastOk: boolean('last_ok'),
    lastLatencyMs: integer('last_latency_ms'),
    lastError: text('last_error'),
  },
  (t) => [primaryKey({ columns: [t.monitorId, t.region] }), index('monitor_schedules_due_idx').on(t.region, t.nextCheckAt)],
);

/** Raw check results, kept MONITOR_RESULT_DAYS and rolled up per hour and day before removal. */
export const monitorResults = pgTable(
  'monitor_results',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    monitorId: uuid('monitor_id')
      .notNull()
      .references(() => monitors.id, { onDelete: 'cascade' }),
    region: text('region').notNull(),
    checkedAt: timestamptz('checked_at').notNull(),
    ok: boolean('ok').notNull(),
    latencyMs: integer('latency_ms'),
    statusCode: integer('status_code'),
    error: text('error'),
    warning: text('warning'),
  },
  (t) => [
    index('monitor_results_monitor_idx').on(t.monitorId, t.checkedAt),
    index('monitor_results_checked_idx').on(t.checkedAt),
  ],
);

/** Uptime and latency percentiles per monitor and hour or day (UTC), for the charts and the SLA. */
export const monitorRollups = pgTable(
  'monitor_rollups',
  {
    monitorId: uuid('monitor_id')
      .notNull()
      .references(() => monitors.id, { onDelete: 'cascade' }),
    period: text('period').$type<'hour' | 'day'>().notNull(),
    startsAt: timestamptz('starts_at').notNull(),
    checks: integer('checks').notNull(),
    failures: integer('failures').notNull(),
    latencyP50: integer('latency_p50'),
    latencyP95: integer('latency_p95'),
    latencyP99: integer('latency_p99'),
  },
  (t) => [primaryKey({ columns: [t.monitorId, t.period, t.startsAt] })],
);

/** Where each operator wants monitor alerts (email on by default; LINE and Chatwork optional). */
export const operatorAlertPreferences = pgTable('operator_alert_preferences', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  email: boolean('email').notNull().default(true),
  lineUserId: text('line_user_id'),
  chatworkRoomId: text('chatwork_room_id'),
  updatedAt: timestamptz('updated_at').notNull().defaultNow(),
});
