import { STATUS_SEVERITY_ORDER, type ComponentStatus } from '../domain/statuses';

export type OverallStatus = 'operational' | 'degraded' | 'partial_outage' | 'major_outage' | 'maintenance';

/** The worst status among the given ones (operational when empty). */
export function worstStatus(statuses: readonly ComponentStatus[]): ComponentStatus {
  for (const status of STATUS_SEVERITY_ORDER) if (statuses.includes(status)) return status;
  return 'operational';
}

/**
 * The page banner. An outage anywhere outranks maintenance elsewhere: customers care more
 * about what is broken than about what is planned.
 */
export function overallStatus(statuses: readonly ComponentStatus[]): OverallStatus {
  switch (worstStatus(statuses)) {
    case 'major_outage':
      return 'major_outage';
    case 'partial_outage':
      return 'partial_outage';
    case 'degraded_performance':
      return 'degraded';
    case 'under_maintenance':
      return 'maintenance';
    default:
      return 'operational';
  }
}
