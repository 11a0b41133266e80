import type { StatusCounts } from '@/lib/services/deliveries/progress';

const ORDER = ['sent', 'queued', 'failed', 'dead'] as const;

/** One channel's deliveries as a stacked bar; the label carries the numbers for screen readers. */
export function ProgressBar({ counts, total, label }: { counts: StatusCounts; total: number; label: string }) {
  return (
    <div className="progress" role="img" aria-label={label}>
      {ORDER.map((status) => {
        const n = counts[status] ?? 0;
        return n > 0 ? (
          <span key={status} className={`progress-${status}`} style={{ width: `${(n / Math.max(1, total)) * 100}%` }} />
        ) : null;
      })}
    </div>
  );
}
