import type { MonitorState } from '@/lib/monitors/kinds';

/** The monitor's confirmed state as a word with a shape, never colour alone. */
export function StatePill({ state, label }: { state: MonitorState; label: string }) {
  const icon = state === 'up' ? '●' : state === 'down' ? '▲' : '○';
  return (
    <span className={`monitor-state monitor-state-${state}`}>
      <span aria-hidden="true">{icon}</span> {label}
    </span>
  );
}
