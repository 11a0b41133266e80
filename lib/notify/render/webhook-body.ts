import { COMPONENT_INDICATOR, IMPACTS, type Impact } from '../../domain/statuses';
import type { Locale } from '../../i18n/locales';
import { t } from '../../i18n/messages';
import { subscriptionLinks } from '../../notices/links';
import type { NoticeType } from '../../notices/message-types';
import { pick, type Bilingual, type IncidentPayload, type MaintenancePayload } from '../../notices/payload';
import type { NoticeSource } from './notice-view';

// A notice as Statuspage's webhook notification (`meta`, `page`, `incident`), so a receiver
// written for Statuspage reads ours unchanged. Maintenance goes as an incident with
// scheduled_for/scheduled_until, as Statuspage sends scheduled maintenance.

export const WEBHOOK_DOCUMENTATION = 'https://doers.statuspage.io/customer-notifications/webhooks/';

type Indicator = 'none' | 'minor' | 'major' | 'critical' | 'maintenance';

const SEVERITY_IMPACT = { emergency: 'critical', severe: 'major', minor: 'minor' } as const;

export interface WebhookBodyInput {
  type: NoticeType;
  source: NoticeSource;
  locale: Locale;
  baseUrl: string;
  pageId: string;
  pageName: Bilingual;
  /** Replaced per recipient by their own token (lib/notify/outbound.ts). */
  manageTokenSlot: string;
}

export function webhookBody(input: WebhookBodyInput): string {
  const { source, locale } = input;
  const incident =
    source.subject === 'incident' ? incidentObject(source.payload, input) : maintenanceObject(source.payload, input);
  const indicator = indicatorOf(source);
  return JSON.stringify({
    meta: {
      unsubscribe: subscriptionLinks.manage(input.baseUrl, input.manageTokenSlot),
      documentation: WEBHOOK_DOCUMENTATION,
      generated_at: new Date().toISOString(),
      event: input.type,
    },
    page: {
      id: input.pageId,
      name: pick(input.pageName, locale),
      status_indicator: indicator,
      status_description: t(locale, 'api')(`status.${indicator}`),
    },
    incident,
  });
}

/**
 * The page's indicator as this notice left it: the worst of its components' statuses and, while
 * open, the incident's impact (the same rule as /api/v2/status.json, over the notice's snapshot).
 */
function indicatorOf(source: NoticeSource): Indicator {
  const p = source.payload;
  if (source.subject === 'maintenance' && (source.payload.status === 'in_progress' || source.payload.status === 'verifying'))
    return 'maintenance';
  const levels: Indicator[] = p.components.map((c) => (c.status ? COMPONENT_INDICATOR[c.status] : 'none'));
  if (source.subject === 'incident' && source.payload.status !== 'resolved')
    levels.push(source.payload.impact ?? SEVERITY_IMPACT[source.payload.severity]);
  return levels.reduce<Indicator>((a, b) => (IMPACTS.indexOf(b as Impact) > IMPACTS.indexOf(a as Impact) ? b : a), 'none');
}

function componentsOf(payload: IncidentPayload | MaintenancePayload, locale: Locale) {
  return payload.components.map((c) => ({ id: c.id, name: pick(c.name, locale), status: c.status ?? null }));
}

function incidentObject(p: IncidentPayload, input: WebhookBodyInput) {
  const { locale } = input;
  const updateAt = p.update?.at ?? p.detectedAt;
  return {
    id: p.incidentId,
    page_id: input.pageId,
    name: pick(p.title, locale),
    status: p.status,
    impact: p.impact ?? SEVERITY_IMPACT[p.severity],
    severity: p.severity,
    backfilled: false,
    created_at: p.detectedAt,
    started_at: p.detectedAt,
    updated_at: updateAt,
    monitoring_at: p.status === 'monitoring' ? updateAt : null,
    resolved_at: p.status === 'resolved' ? updateAt : null,
    shortlink: `${input.baseUrl}${p.path}`,
    components: componentsOf(p, locale),
    incident_updates: p.update
      ? [
          {
            incident_id: p.incidentId,
            status: p.update.status,
            body: pick(p.update.body, locale),
            created_at: p.update.at,
            display_at: p.update.at,
            updated_at: p.update.at,
          },
        ]
      : [],
  };
}

function maintenanceObject(p: MaintenancePayload, input: WebhookBodyInput) {
  const { locale } = input;
  return {
    id: p.maintenanceId,
    page_id: input.pageId,
    name: pick(p.title, locale),
    status: p.status,
    impact: 'maintenance',
    scheduled_for: p.scheduledStart,
    scheduled_until: p.scheduledEnd,
    shortlink: `${input.baseUrl}${p.path}`,
    components: componentsOf(p, locale),
    incident_updates: [{ incident_id: p.maintenanceId, status: p.status, body: pick(p.body, locale) }],
  };
}
