import type { Locale } from '@/lib/i18n/locales';
import { t } from '@/lib/i18n/messages';
import type { MonthlyPoint } from '@/lib/services/sla-reports/sla-report';
import { formatTarget, formatUptime, monthLabel } from './format';

const WIDTH = 360;
const HEIGHT = 150;
const LEFT = 44;
const BOTTOM = 20;
const TOP = 8;

/** The floor of the y axis: a little under the lowest figure or target, so small gaps show. */
function axisFloor(values: number[]): number {
  const lowest = Math.min(...values);
  return Math.max(0, Math.floor(lowest - 0.5));
}

/**
 * Twelve monthly bars against the target as a dashed line, inline SVG. Screen readers get a
 * title and description; everyone can open the same figures as a table.
 */
export function UptimeChart(props: {
  id: string;
  scopeLabel: string;
  points: MonthlyPoint[];
  value: (p: MonthlyPoint) => number | null;
  target: number | null;
  locale: Locale;
}) {
  const { points, target, locale } = props;
  const tr = t(locale, 'sla');
  const values = points.map(props.value);
  const known = values.filter((v): v is number => v !== null);
  const floor = axisFloor([...known, ...(target === null ? [] : [target]), 100]);
  const plotHeight = HEIGHT - TOP - BOTTOM;
  const y = (v: number) => TOP + plotHeight * (1 - (v - floor) / (100 - floor));
  const slot = (WIDTH - LEFT) / points.length;
  const targetText = formatTarget(target, locale);
  const titleId = `${props.id}-title`;
  const descId = `${props.id}-desc`;
  const running = (p: MonthlyPoint) => (p.complete ? '' : tr('chart.running'));
  const verdictOf = (v: number | null) => (v === null || target === null ? null : v + 1e-9 >= target ? 'met' : 'missed');

  return (
    <figure className="sla-chart">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby={`${titleId} ${descId}`} className="sla-chart-svg">
        <title id={titleId}>{tr('chart.title', { scope: props.scopeLabel, target: targetText })}</title>
        <desc id={descId}>
          {tr('chart.description', {
            from: monthLabel(points[0].month, locale),
            to: monthLabel(points[points.length - 1].month, locale),
            target: targetText,
          })}
        </desc>
        {[floor, 100].map((tick) => (
          <g key={tick} className="sla-chart-tick">
            <line x1={LEFT} x2={WIDTH} y1={y(tick)} y2={y(tick)} />
            <text x={LEFT - 4} y={y(tick) + 3} textAnchor="end">
              {tick}%
            </text>
          </g>
        ))}
        {values.map((v, i) => {
          const x = LEFT + i * slot + slot * 0.18;
          const barWidth = slot * 0.64;
          const label = `${monthLabel(points[i].month, locale)}${running(points[i])}: ${v === null ? tr('chart.noData') : formatUptime(v, locale)}`;
          return (
            <g key={points[i].month}>
              {v === null ? (
                <rect x={x} y={HEIGHT - BOTTOM - 2} width={barWidth} height={2} className="sla-bar-nodata">
                  <title>{label}</title>
                </rect>
              ) : (
                <rect
                  x={x}
                  y={y(v)}
                  width={barWidth}
                  height={Math.max(1, HEIGHT - BOTTOM - y(v))}
                  className={`sla-bar sla-bar-${verdictOf(v) ?? 'plain'}${points[i].complete ? '' : ' sla-bar-running'}`}
                >
                  <title>{label}</title>
                </rect>
              )}
              <text x={x + barWidth / 2} y={HEIGHT - 6} textAnchor="middle" className="sla-chart-month">
                {monthLabel(points[i].month, locale, true)}
              </text>
            </g>
          );
        })}
        {target !== null && (
          <g className="sla-chart-target">
            <line x1={LEFT} x2={WIDTH} y1={y(target)} y2={y(target)} />
            <text x={LEFT - 4} y={y(target) + 3} textAnchor="end">
              {formatTarget(target, locale)}
            </text>
          </g>
        )}
      </svg>
      <figcaption>{tr('chart.title', { scope: props.scopeLabel, target: targetText })}</figcaption>
      <details className="sla-chart-table">
        <summary>{tr('chart.table')}</summary>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{tr('chart.month')}</th>
              <th scope="col">{tr('uptime.uptime')}</th>
              <th scope="col">{tr('uptime.target')}</th>
              <th scope="col">{tr('uptime.verdict')}</th>
            </tr>
          </thead>
          <tbody>
            {points.map((p, i) => (
              <tr key={p.month}>
                <th scope="row">
                  {monthLabel(p.month, locale)}
                  {running(p)}
                </th>
                <td data-label={tr('uptime.uptime')}>
                  {values[i] === null ? tr('chart.noData') : formatUptime(values[i], locale)}
                </td>
                <td data-label={tr('uptime.target')}>{targetText}</td>
                <td data-label={tr('uptime.verdict')}>
                  {values[i] === null ? '—' : tr(`verdict.${verdictOf(values[i]) ?? 'no_target'}`)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
