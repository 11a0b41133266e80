import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../../db/client';
import { components, incidents, monitors, monitorSchedules } from '../../../db/schema';
import type { ComponentStatus, Severity } from '../../domain/statuses';
import { env } from '../../env';
import { appendEvidence } from '../../evidence/append';
import { t } from '../../i18n/messages';
import { writeAudit } from '../audit/write';
import { setComponentStatuses } from '../components/set-statuses';
import { systemActor, type ServiceContext } from '../context';
import { openIncident } from '../incidents/open';
import { resolveIncident } from '../incidents/resolve';
import type { MonitorEvent } from './operator-alerts';

// A monitor's confirmed state changes. Down: enough regions have seen `retries` failures in a
// row; the component takes the monitor's status and an incident opens whose detection time is
// the first failing check, recorded in the evidence ledger as machine-detected. Up: the
// component is restored and the incident resolved, or left open as a proposal to resolve.

const actor = systemActor('monitor');
const SEVERITY_FOR_STATUS: Record<ComponentStatus, Severity> = {
  major_outage: 'emergency',
  partial_outage: 'severe',
  degraded_performance: 'minor',
  under_maintenance: 'minor',
  operational: 'minor',
};

type MonitorRow = typeof monitors.$inferSelect;
type ScheduleRow = typeof monitorSchedules.$inferSelect;

/** Regions that checked recently enough to have a say, and how many must agree. */
export function regionVerdict(
  monitor: Pick<MonitorRow, 'type' | 'retries' | 'regionQuorum' | 'intervalSeconds' | 'timeoutMs'>,
  rows: ScheduleRow[],
  now: Date,
) {
  const freshMs = 3 * monitor.intervalSeconds * 1000 + monitor.timeoutMs;
  const active = rows.filter((r) => r.lastCheckedAt && now.getTime() - r.lastCheckedAt.getTime() <= freshMs);
  const quorum = monitor.type === 'push' ? 1 : Math.min(active.length, monitor.regionQuorum ?? Math.floor(active.length / 2) + 1);
  const down = active.filter((r) => r.consecutiveFailures >= monitor.retries);
  const up = active.filter((r) => r.lastOk);
  return {
    quorum,
    down,
    up,
    confirmedDown: active.length > 0 && down.length >= quorum,
    confirmedUp: up.length > 0 && down.length < Math.max(quorum, 1),
  };
}

/** Re-reads the monitor under a row lock and applies any confirmed change; returns what to tell operators. */
export async function evaluateMonitor(
  db: Db,
  monitorId: string,
  options: { at: Date; now?: Date },
): Promise<MonitorEvent | null> {
  const now = options.now ?? new Date();
  return db.transaction(async (tx) => {
    const [monitor] = await tx.select().from(monitors).where(eq(monitors.id, monitorId)).for('update');
    if (!monitor || !monitor.enabled) return null;
    const rows = await tx.select().from(monitorSchedules).where(eq(monitorSchedules.monitorId, monitorId));
    const verdict = regionVerdict(monitor, rows, now);
    if (verdict.confirmedDown && monitor.state !== 'down') {
      const detectedAt = new Date(Math.min(...verdict.down.map((r) => (r.firstFailureAt ?? now).getTime())));
      const error = verdict.down.find((r) => r.lastError)?.lastError ?? null;
      return goDown(tx, monitor, { detectedAt, error, regions: verdict.down.map((r) => r.region), now });
    }
    if (verdict.confirmedUp && monitor.state === 'down')
      return goUp(tx, monitor, { at: options.at, regions: verdict.up.map((r) => r.region), now });
    if (verdict.confirmedUp && monitor.state === 'pending') {
      await tx.update(monitors).set({ state: 'up', stateSince: options.at }).where(eq(monitors.id, monitor.id));
    }
    return null;
  });
}

async function componentName(tx: Tx, id: string | null): Promise<string | null> {
  if (!id) return null;
  const [row] = await tx
    .select({ name: components.name })
    .from(components)
    .where(and(eq(components.id, id), isNull(components.deletedAt)));
  return row?.name ?? null;
}

async function goDown(
  tx: Tx,
  monitor: MonitorRow,
  change: { detectedAt: Date; error: string | null; regions: string[]; now: Date },
): Promise<MonitorEvent> {
  const ctx: ServiceContext = { db: tx, actor, now: () => change.now };
  const component = await componentName(tx, monitor.componentId);
  let incidentId: string | null = null;
  if (monitor.componentId && component) {
    const tr = t(env().DEFAULT_LOCALE, 'monitors');
    const trEn = t('en', 'monitors');
    const values = { monitor: monitor.name, component, error: change.error ?? '-' };
    ({ id: incidentId } = await openIncident({
      ctx,
      input: {
        title: tr('incident.title', values).slice(0, 200),
        titleEn: trEn('incident.title', values).slice(0, 200),
        severity: SEVERITY_FOR_STATUS[monitor.downStatus],
        status: 'investigating',
        components: [{ componentId: monitor.componentId, status: monitor.downStatus }],
        body: tr('incident.body', values).slice(0, 5000),
        bodyEn: trEn('incident.body', values).slice(0, 5000),
        detectedAt: change.detectedAt,
        startedAt: change.detectedAt,
        published: monitor.publishIncidents,
      },
    }));
  }
  await tx.update(monitors).set({ state: 'down', stateSince: change.detectedAt, incidentId }).where(eq(monitors.id, monitor.id));
  const content = {
    monitorId: monitor.id,
    monitorName: monitor.name,
    event: 'down',
    detection: 'machine',
    componentId: monitor.componentId,
    incidentId,
    detectedAt: change.detectedAt.toISOString(),
    regions: change.regions,
    error: change.error,
  };
  await appendEvidence(tx, [{ kind: 'monitor_detection', occurredAt: change.detectedAt, content }]);
  await writeAudit(tx, actor, {
    action: 'monitor.down',
    entityType: 'monitor',
    entityId: monitor.id,
    after: content,
    at: change.now,
  });
  return {
    kind: 'down',
    monitorId: monitor.id,
    monitorName: monitor.name,
    componentName: component,
    at: change.detectedAt,
    error: change.error,
    incidentId,
  };
}

async function goUp(tx: Tx, monitor: MonitorRow, change: { at: Date; regions: string[]; now: Date }): Promise<MonitorEvent> {
  const ctx: ServiceContext = { db: tx, actor, now: () => change.now };
  const component = await componentName(tx, monitor.componentId);
  const [incident] = monitor.incidentId
    ? await tx
        .select({ id: incidents.id, resolvedAt: incidents.resolvedAt })
        .from(incidents)
        .where(eq(incidents.id, monitor.incidentId))
    : [];
  const open = incident && !incident.resolvedAt ? incident.id : null;
  let resolved = false;
  if (open && monitor.autoResolve) {
    const values = { monitor: monitor.name, component: component ?? '' };
    await resolveIncident({
      ctx,
      input: {
        incidentId: open,
        body: t(env().DEFAULT_LOCALE, 'monitors')('incident.resolvedBody', values),
        bodyEn: t('en', 'monitors')('incident.resolvedBody', values),
        resolvedAt: change.at,
      },
    });
    resolved = true;
  } else if (monitor.componentId && component) {
    await setComponentStatuses(tx, {
      pageId: monitor.pageId,
      changes: [{ componentId: monitor.componentId, status: 'operational' }],
      at: change.at,
      source: 'monitor',
      incidentId: open,
    });
  }
  await tx
    .update(monitors)
    .set({ state: 'up', stateSince: change.at, incidentId: resolved ? null : monitor.incidentId })
    .where(eq(monitors.id, monitor.id));
  const content = {
    monitorId: monitor.id,
    monitorName: monitor.name,
    event: 'up',
    detection: 'machine',
    componentId: monitor.componentId,
    incidentId: open,
    recoveredAt: change.at.toISOString(),
    incidentResolved: resolved,
    regions: change.regions,
  };
  await appendEvidence(tx, [{ kind: 'monitor_detection', occurredAt: change.at, content }]);
  await writeAudit(tx, actor, {
    action: 'monitor.up',
    entityType: 'monitor',
    entityId: monitor.id,
    after: content,
    at: change.now,
  });
  return {
    kind: 'up',
    monitorId: monitor.id,
    monitorName: monitor.name,
    componentName: component,
    at: change.at,
    error: null,
    incidentId: open,
    incidentResolved: resolved,
  };
}

/** Remembers the certificate expiry and warns operators once per certificate. */
export async function noteTlsExpiry(db: Db, monitorId: string, expiresAt: Date, warning: string): Promise<MonitorEvent | null> {
  const [row] = await db
    .update(monitors)
    .set({ tlsExpiresAt: expiresAt, tlsWarnedFor: expiresAt })
    .where(
      and(eq(monitors.id, monitorId), sql`${monitors.tlsWarnedFor} is distinct from ${expiresAt.toISOString()}::timestamptz`),
    )
    .returning({ name: monitors.name });
  return row
    ? { kind: 'tls', monitorId, monitorName: row.name, componentName: null, at: expiresAt, error: warning, incidentId: null }
    : null;
}
