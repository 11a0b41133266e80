// The detail page's latency chart: one point per check of the period, failures marked red,
// with a y axis in milliseconds and the first and last times on the x axis.

type Point = { at: Date; ok: boolean; latencyMs: number | null };

export function LatencyChart({ points, label, formatTime }: { points: Point[]; label: string; formatTime: (d: Date) => string }) {
  const width = 640;
  const height = 200;
  const left = 48;
  const bottom = 24;
  const max = Math.max(10, ...points.map((p) => p.latencyMs ?? 0));
  const plotW = width - left - 8;
  const plotH = height - bottom - 8;
  const x = (i: number) => left + (points.length > 1 ? (i / (points.length - 1)) * plotW : plotW / 2);
  const y = (ms: number) => 8 + plotH - (ms / max) * plotH;
  const line = points
    .map((p, i) => (p.ok && p.latencyMs !== null ? `${x(i).toFixed(1)},${y(p.latencyMs).toFixed(1)}` : null))
    .filter(Boolean)
    .join(' ');
  const ticks = [0, max / 2, max];
  return (
    <svg className="latency-chart" viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label} preserveAspectRatio="none">
      {ticks.map((t) => (
        <g key={t}>
          <line x1={left} x2={width - 8} y1={y(t)} y2={y(t)} className="chart-grid" />
          <text x={left - 6} y={y(t) + 4} textAnchor="end" className="chart-label">
            {Math.round(t)} ms
          </text>
        </g>
      ))}
      {line && <polyline points={line} fill="none" stroke="currentColor" strokeWidth="1.5" />}
      {points.map((p, i) =>
        p.ok ? null : <line key={i} className="sparkline-failure" x1={x(i)} x2={x(i)} y1={8} y2={8 + plotH} strokeWidth="2" />,
      )}
      {points.length > 0 && (
        <>
          <text x={left} y={height - 6} className="chart-label">
            {formatTime(points[0].at)}
          </text>
          <text x={width - 8} y={height - 6} textAnchor="end" className="chart-label">
            {formatTime(points[points.length - 1].at)}
          </text>
        </>
      )}
    </svg>
  );
}
