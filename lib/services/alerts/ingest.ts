import { and, eq, isNotNull, isNull, ne } from 'drizzle-orm';
import { alertEvents, components, incidents } from '../../../db/schema';
import { STATUS_SEVERITY_ORDER, type ComponentStatus, type Severity } from '../../domain/statuses';
import { env } from '../../env';
import { t } from '../../i18n/messages';
import { resolvePage } from '../../pages/context';
import { writeAudit } from '../audit/write';
import { isServiceError } from '../../errors';
import { requireRole, WRITERS, type ServiceContext, type Tx } from '../context';
import { setComponentStatuses } from '../components/set-statuses';
import { openIncident } from '../incidents/open';
import type { Alert, AlertmanagerPayload } from './payload';
import { alertSettings, type AlertSettings } from './settings';

export type AlertOutcome = {
  fingerprint: string;
  status: Alert['status'];
  result: 'applied' | 'duplicate' | 'no_component' | 'rejected';
};

const SEVERITY_FOR_STATUS: Record<ComponentStatus, Severity> = {
  major_outage: 'emergency',
  partial_outage: 'severe',
  degraded_performance: 'minor',
  under_maintenance: 'minor',
  operational: 'minor',
};
const worse = (a: ComponentStatus, b: ComponentStatus) => STATUS_SEVERITY_ORDER.indexOf(a) < STATUS_SEVERITY_ORDER.indexOf(b);

/**
 * Applies an Alertmanager group, each alert once per fingerprint + startsAt (the alert_events
 * row is the idempotency key, written in the same transaction as its effects). Firing: the
 * component takes the severity's status and an incident opens (a draft unless the page
 * publishes alert incidents) with detected_at = startsAt. Resolved: the component returns to
 * operational once none of its alerts fire; the incident stays open as a proposal to resolve.
 */
export async function ingestAlertmanagerPayload({
  ctx,
  payload,
}: {
  ctx: ServiceContext;
  payload: AlertmanagerPayload;
}): Promise<AlertOutcome[]> {
  requireRole(ctx, WRITERS);
  const page = await resolvePage(ctx.db);
  const settings = alertSettings(page.settings);
  const outcomes: AlertOutcome[] = [];
  for (const alert of payload.alerts) {
    try {
      const result = await ctx.db.transaction((tx) =>
        alert.status === 'firing' ? applyFiring(ctx, tx, page.id, settings, alert) : applyResolved(ctx, tx, page.id, alert),
      );
      outcomes.push({ fingerprint: alert.fingerprint, status: alert.status, result });
    } catch (error) {
      // One alert the services refuse must not block the rest of its group forever.
      if (!isServiceError(error)) throw error;
      outcomes.push({ fingerprint: alert.fingerprint, status: alert.status, result: 'rejected' });
    }
  }
  return outcomes;
}

async function componentFor(tx: Tx, pageId: string, settings: AlertSettings, alert: Alert) {
  const key = alert.labels[settings.componentLabel];
  if (!key) return null;
  const [component] = await tx
    .select()
    .from(components)
    .where(and(eq(components.pageId, pageId), eq(components.alertKey, key), isNull(components.deletedAt)));
  return component ?? null;
}

async function applyFiring(
  ctx: ServiceContext,
  tx: Tx,
  pageId: string,
  settings: AlertSettings,
  alert: Alert,
): Promise<AlertOutcome['result']> {
  const component = await componentFor(tx, pageId, settings, alert);
  const [event] = await tx
    .insert(alertEvents)
    .values({
      fingerprint: alert.fingerprint,
      startsAt: alert.startsAt,
      status: 'firing',
      componentId: component?.id ?? null,
      labels: alert.labels,
    })
    .onConflictDoNothing()
    .returning();
  if (!event) return 'duplicate';
  if (!component) return 'no_component';
  const status = settings.severityStatus[alert.labels[settings.severityLabel] ?? ''] ?? settings.defaultStatus;

  // A component already under an open alert incident gets this alert added to it.
  const [open] = await tx
    .select({ incidentId: alertEvents.incidentId })
    .from(alertEvents)
    .innerJoin(incidents, eq(incidents.id, alertEvents.incidentId))
    .where(
      and(
        eq(alertEvents.componentId, component.id),
        isNotNull(alertEvents.incidentId),
        isNull(incidents.resolvedAt),
        isNull(incidents.withdrawnAt),
      ),
    )
    .limit(1);
  let incidentId = open?.incidentId ?? null;
  if (incidentId) {
    if (worse(status, component.status)) {
      await setComponentStatuses(tx, {
        pageId,
        changes: [{ componentId: component.id, status }],
        at: new Date(),
        source: 'alert',
        incidentId,
      });
    }
  } else {
    const tr = t(env().DEFAULT_LOCALE, 'api');
    const name = alert.labels.alertname ?? alert.fingerprint;
    const summary = alert.annotations.summary ?? alert.annotations.description;
    ({ id: incidentId } = await openIncident({
      ctx: { ...ctx, db: tx },
      input: {
        title: tr('alerts.title', { alert: name, component: component.name }).slice(0, 200),
        severity: SEVERITY_FOR_STATUS[status],
        status: 'investigating',
        components: [{ componentId: component.id, status }],
        body: (summary ?? tr('alerts.body', { alert: name })).slice(0, 5000),
        // Alertmanager's clock may run ahead of ours; never a detection in the future.
        detectedAt: new Date(Math.min(alert.startsAt.getTime(), Date.now())),
        startedAt: new Date(Math.min(alert.startsAt.getTime(), Date.now())),
        published: settings.publishIncidents,
      },
    }));
  }
  await tx.update(alertEvents).set({ incidentId }).where(eq(alertEvents.id, event.id));
  await writeAudit(tx, ctx.actor, {
    action: 'alert.firing',
    entityType: 'alert',
    entityId: alert.fingerprint,
    after: { componentId: component.id, status, incidentId, startsAt: alert.startsAt },
  });
  return 'applied';
}

async function applyResolved(ctx: ServiceContext, tx: Tx, pageId: string, alert: Alert): Promise<AlertOutcome['result']> {
  const [event] = await tx
    .select()
    .from(alertEvents)
    .where(and(eq(alertEvents.fingerprint, alert.fingerprint), eq(alertEvents.startsAt, alert.startsAt)))
    .for('update');
  if (!event) {
    // Resolved before we ever saw it fire: remember it so a late "firing" copy is ignored.
    await tx.insert(alertEvents).values({
      fingerprint: alert.fingerprint,
      startsAt: alert.startsAt,
      status: 'resolved',
      labels: alert.labels,
      resolvedAt: alert.endsAt,
    });
    return 'no_component';
  }
  if (event.status === 'resolved') return 'duplicate';
  await tx.update(alertEvents).set({ status: 'resolved', resolvedAt: alert.endsAt }).where(eq(alertEvents.id, event.id));
  if (!event.componentId) return 'no_component';
  const [stillFiring] = await tx
    .select({ id: alertEvents.id })
    .from(alertEvents)
    .where(and(eq(alertEvents.componentId, event.componentId), eq(alertEvents.status, 'firing'), ne(alertEvents.id, event.id)))
    .limit(1);
  if (!stillFiring) {
    await setComponentStatuses(tx, {
      pageId,
      changes: [{ componentId: event.componentId, status: 'operational' }],
      at: new Date(),
      source: 'alert',
      incidentId: event.incidentId,
    });
  }
  await writeAudit(tx, ctx.actor, {
    action: 'alert.resolved',
    entityType: 'alert',
    entityId: alert.fingerprint,
    after: { componentId: event.componentId, incidentId: event.incidentId, endsAt: alert.endsAt },
  });
  return 'applied';
}
