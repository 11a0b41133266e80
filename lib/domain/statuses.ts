// Domain vocabularies shared by server and client code (no database imports here).
// Component and incident words follow Atlassian Statuspage so the v2 API can reuse them.

export const COMPONENT_STATUSES = [
  'operational',
  'degraded_performance',
  'partial_outage',
  'major_outage',
  'under_maintenance',
] as const;
export type ComponentStatus = (typeof COMPONENT_STATUSES)[number];

export const INCIDENT_STATUSES = ['investigating', 'identified', 'monitoring', 'resolved'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

export const SEVERITIES = ['emergency', 'severe', 'minor'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const IMPACTS = ['none', 'minor', 'major', 'critical'] as const;
export type Impact = (typeof IMPACTS)[number];

/** A component status as the page indicator Statuspage derives from it (status.json, webhooks). */
export const COMPONENT_INDICATOR = {
  major_outage: 'critical',
  partial_outage: 'major',
  degraded_performance: 'minor',
  under_maintenance: 'none',
  operational: 'none',
} as const satisfies Record<ComponentStatus, Impact>;

export const MAINTENANCE_STATUSES = ['scheduled', 'in_progress', 'verifying', 'completed', 'cancelled'] as const;
export type MaintenanceStatus = (typeof MAINTENANCE_STATUSES)[number];

export const ROLES = ['admin', 'operator', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const CHANNELS = ['email', 'line', 'chatwork', 'webhook', 'slack'] as const;
export type Channel = (typeof CHANNELS)[number];

export const DELIVERY_STATUSES = ['queued', 'sent', 'failed', 'dead', 'cancelled'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export const SLA_EXCLUSION_KINDS = ['third_party', 'force_majeure'] as const;
export type SlaExclusionKind = (typeof SLA_EXCLUSION_KINDS)[number];

/** Worst first: used to pick the overall banner and a group's status. */
export const STATUS_SEVERITY_ORDER: readonly ComponentStatus[] = [
  'major_outage',
  'partial_outage',
  'degraded_performance',
  'under_maintenance',
  'operational',
];

export const INCIDENT_OPEN_STATUSES = ['investigating', 'identified', 'monitoring'] as const satisfies readonly IncidentStatus[];
export type OpenIncidentStatus = (typeof INCIDENT_OPEN_STATUSES)[number];
export const isOpenIncidentStatus = (status: string | undefined): status is OpenIncidentStatus =>
  (INCIDENT_OPEN_STATUSES as readonly string[]).includes(status ?? '');
