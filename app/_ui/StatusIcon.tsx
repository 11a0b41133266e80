import type { ComponentStatus } from '@/lib/domain/statuses';

// A distinct shape per status, so status never depends on colour alone.
const PATHS: Record<ComponentStatus, string> = {
  operational: 'M4 8.5l2.5 2.5L12 5.5',
  degraded_performance: 'M8 3.5v5.5M8 11.5v.5',
  partial_outage: 'M4 8h8',
  major_outage: 'M5 5l6 6M11 5l-6 6',
  under_maintenance: 'M5 11l5-5M9.5 4.5a2 2 0 102 2',
};

export function StatusIcon({ status, size = 18 }: { status: ComponentStatus; size?: number }) {
  return (
    <svg
      className={`status-icon status-${status}`}
      width={size}
      height={size}
      viewBox="0 0 16 16"
      aria-hidden="true"
      focusable="false"
    >
      <circle cx="8" cy="8" r="7.5" />
      <path d={PATHS[status]} />
    </svg>
  );
}
