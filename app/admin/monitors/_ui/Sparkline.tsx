// Recent check latencies as a small server-rendered SVG: a line for passing checks and a red
// tick for each failure. The text alternative carries the same facts for screen readers.

type Point = { ok: boolean; latencyMs: number | null };

export function Sparkline({
  points,
  label,
  width = 160,
  height = 32,
}: {
  points: Point[];
  label: string;
  width?: number;
  height?: number;
}) {
  const max = Math.max(1, ...points.map((p) => p.latencyMs ?? 0));
  const step = points.length > 1 ? width / (points.length - 1) : width;
  const y = (ms: number) => height - 2 - (ms / max) * (height - 4);
  const line = points
    .map((p, i) => (p.ok && p.latencyMs !== null ? `${(i * step).toFixed(1)},${y(p.latencyMs).toFixed(1)}` : null))
    .filter(Boolean)
    .join(' ');
  return (
    <svg className="sparkline" width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label}>
      {line && <polyline points={line} fill="none" stroke="currentColor" strokeWidth="1.5" />}
      {points.map((p, i) =>
        p.ok ? null : (
          <line key={i} className="sparkline-failure" x1={i * step} x2={i * step} y1={0} y2={height} strokeWidth="2" />
        ),
      )}
    </svg>
  );
}
