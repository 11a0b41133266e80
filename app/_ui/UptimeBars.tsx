import type { PublicComponent, PublicUptimeDay } from '@/lib/public/read/status-page';
import type { Locale } from '@/lib/i18n/locales';
import { t } from '@/lib/i18n/messages';
import { formatPercent } from '@/lib/i18n/format';

const BAR_WIDTH = 6;
const GAP = 2;

/** The bar's colour class; none for a good day (the default fill), which keeps the page small. */
function barClass(day: PublicUptimeDay): string | undefined {
  if (day.noData) return 'bar-nodata';
  if (day.downtimeMinutes === 0)
    return day.worst === 'degraded_performance'
      ? 'bar-degraded'
      : day.worst === 'under_maintenance'
        ? 'bar-maintenance'
        : undefined;
  if ((day.uptimePercent ?? 100) >= 99) return 'bar-minor';
  return day.downtimeMinutes >= 60 ? 'bar-major' : 'bar-partial';
}

/** 90 day bars with a tooltip per day, plus a text list of the days with downtime. */
export function UptimeBars({ component, locale }: { component: PublicComponent; locale: Locale }) {
  const tr = t(locale, 'public');
  const width = component.days.length * (BAR_WIDTH + GAP) - GAP;
  const describe = (day: PublicUptimeDay) => {
    if (day.noData) return tr('dayNoData', { date: day.date });
    const base = tr('dayDetail', {
      date: day.date,
      percent: formatPercent(day.uptimePercent, locale),
      minutes: Math.round(day.downtimeMinutes),
    });
    return day.incidents.length
      ? `${base}\n${tr('dayIncidents', { titles: day.incidents.map((i) => i.title).join(', ') })}`
      : base;
  };
  const downDays = component.days.filter((d) => d.downtimeMinutes > 0 || d.incidents.length > 0);
  return (
    <div className="uptime">
      <svg
        className="uptime-bars"
        viewBox={`0 0 ${width} 34`}
        preserveAspectRatio="none"
        role="img"
        aria-label={tr('barsLabel', { name: component.name })}
      >
        {component.days.map((day, index) => (
          <rect key={index} x={index * (BAR_WIDTH + GAP)} width={BAR_WIDTH} height={34} rx={1.5} className={barClass(day)}>
            <title>{describe(day)}</title>
          </rect>
        ))}
      </svg>
      <div className="uptime-legend">
        <span>{tr('barsOlder')}</span>
        <span className="uptime-percent">{tr('uptime90', { percent: formatPercent(component.uptimePercent, locale) })}</span>
        <span>{tr('barsToday')}</span>
      </div>
      <details className="uptime-days">
        <summary>{tr('dayBreakdown')}</summary>
        {downDays.length === 0 ? (
          <p>{tr('noDowntimeDays')}</p>
        ) : (
          <ul>
            {downDays.map((day) => (
              <li key={day.date}>
                {describe(day)
                  .split('\n')
                  .map((line) => (
                    <span key={line} className="day-line">
                      {line}
                    </span>
                  ))}
              </li>
            ))}
          </ul>
        )}
      </details>
    </div>
  );
}
