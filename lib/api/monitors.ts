import { z } from 'zod';
import { publicBaseUrl } from '../notices/links';
import type { MonitorSettings } from '../monitors/kinds';
import type { CreateMonitorInput } from '../services/monitors/create';
import type { MonitorSummary } from '../services/monitors/list';

// The manage API's monitor shape: `{ "monitor": { "name", "type", "url", "interval_seconds",
// "component_id", … } }` in snake_case, mapped onto the monitor services' fields.

export const monitorRequest = z.object(
  { monitor: z.record(z.string(), z.unknown(), { error: 'monitor_wrapper' }) },
  { error: 'monitor_wrapper' },
);

const TOP: Record<string, string> = {
  name: 'name',
  type: 'type',
  component_id: 'componentId',
  interval_seconds: 'intervalSeconds',
  timeout_ms: 'timeoutMs',
  retries: 'retries',
  region_quorum: 'regionQuorum',
  down_status: 'downStatus',
  publish_incidents: 'publishIncidents',
  auto_resolve: 'autoResolve',
  enabled: 'enabled',
};
const SETTINGS: Record<string, keyof MonitorSettings> = {
  method: 'method',
  headers: 'headers',
  body: 'body',
  expected_status: 'expectedStatus',
  keyword: 'keyword',
  json_path: 'jsonPath',
  json_expected: 'jsonExpected',
  latency_threshold_ms: 'latencyThresholdMs',
  follow_redirects: 'followRedirects',
  tls_expiry_days: 'tlsExpiryDays',
  ignore_tls_errors: 'ignoreTlsErrors',
  port: 'port',
  record_type: 'recordType',
  expected_value: 'expectedValue',
  resolver: 'resolver',
  grace_seconds: 'graceSeconds',
};

/** Service field → the API field, for error messages. */
export const MONITOR_FIELD_NAMES: Record<string, string> = {
  ...Object.fromEntries(Object.entries(TOP).map(([api, field]) => [field, `monitor.${api}`])),
  ...Object.fromEntries(Object.entries(SETTINGS).map(([api, field]) => [`settings.${field}`, `monitor.${api}`])),
  target: 'monitor.url',
};

/** API body → service input; unknown fields are refused so a typo is not silently ignored. */
export function monitorInputFromRequest(
  body: Record<string, unknown>,
  existingSettings?: MonitorSettings,
): Partial<CreateMonitorInput> & { unknown: string[] } {
  const input: Record<string, unknown> = {};
  const settings: Record<string, unknown> = { ...existingSettings };
  let touchedSettings = false;
  const unknown: string[] = [];
  for (const [key, value] of Object.entries(body)) {
    if (key in TOP) input[TOP[key]] = value;
    else if (key in SETTINGS) {
      touchedSettings = true;
      if (value === null) delete settings[SETTINGS[key]];
      else settings[SETTINGS[key]] = value;
    } else if (key === 'url' || key === 'host') input.target = value;
    else unknown.push(key);
  }
  if (touchedSettings || !existingSettings) input.settings = settings;
  return { ...(input as Partial<CreateMonitorInput>), unknown };
}

export function monitorView(m: MonitorSummary) {
  const s = m.settings;
  return {
    id: m.id,
    page_id: m.pageId,
    name: m.name,
    type: m.type,
    ...(m.type === 'http' ? { url: m.target } : m.type === 'push' ? {} : { host: m.target }),
    ...(m.type === 'push' && m.pushToken ? { push_url: `${publicBaseUrl()}/api/push/${m.pushToken}` } : {}),
    component_id: m.componentId,
    interval_seconds: m.intervalSeconds,
    timeout_ms: m.timeoutMs,
    retries: m.retries,
    region_quorum: m.regionQuorum,
    down_status: m.downStatus,
    publish_incidents: m.publishIncidents,
    auto_resolve: m.autoResolve,
    enabled: m.enabled,
    ...Object.fromEntries(Object.entries(SETTINGS).flatMap(([api, field]) => (s[field] === undefined ? [] : [[api, s[field]]]))),
    state: m.state,
    state_since: m.stateSince.toISOString(),
    incident_id: m.incidentId,
    tls_expires_at: m.tlsExpiresAt?.toISOString() ?? null,
    regions: m.regions.map((r) => ({
      region: r.region,
      last_checked_at: r.lastCheckedAt?.toISOString() ?? null,
      last_ok: r.lastOk,
      last_latency_ms: r.lastLatencyMs,
      last_error: r.lastError,
      consecutive_failures: r.consecutiveFailures,
    })),
    created_at: m.createdAt.toISOString(),
    updated_at: m.updatedAt.toISOString(),
  };
}
