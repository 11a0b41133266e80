// What the SLA core reads: plain objects the database layer can build from one row each.
// Times are instants (Date); all wall-clock reasoning happens against the policy's zone.
import type { ComponentStatus, DeliveryStatus, MaintenanceStatus, Severity, SlaExclusionKind } from '../domain/statuses';

export interface SlaComponent {
  id: string;
  name: string;
  /** Key of a function group in the policy; null or unknown keys count only towards the service. */
  functionGroup: string | null;
}

/** One row of component_status_changes: [from, to), open (to = null) while current. */
export interface StatusInterval {
  componentId: string;
  status: ComponentStatus;
  from: Date;
  to: Date | null;
}

export interface SlaMaintenance {
  id: string;
  title: string;
  scheduledStart: Date;
  scheduledEnd: Date;
  /** When customers were first told; the notice period counts from here. */
  announcedAt: Date;
  actualStart: Date | null;
  actualEnd: Date | null;
  status: MaintenanceStatus;
  componentIds: readonly string[];
  /** Overrides the policy's default: the system starts and ends it on schedule. */
  autoComplete?: boolean;
}

export interface SlaIncident {
  id: string;
  title: string;
  severity: Severity;
  /** When the failure began: excluded time runs from here. */
  startedAt: Date;
  /** When we knew: notice and resolve clocks start here. */
  detectedAt: Date;
  resolvedAt: Date | null;
  /** First update customers could read on the status page; null for drafts. */
  firstPublicPostAt: Date | null;
  slaExcluded: boolean;
  exclusionKind: SlaExclusionKind | null;
  exclusionReason: string | null;
  componentIds: readonly string[];
  /** Who typed or corrected the detection time; absent or null when it came from the source. */
  detectedAtEnteredBy?: string | null;
  /** Entered after the fact (a backfill), by whom; the report marks it. */
  backfilledBy?: string | null;
}

/** A delivery row reduced to what proves a notice went out. */
export interface SlaDelivery {
  incidentId: string | null;
  status: DeliveryStatus;
  sentAt: Date | null;
}
