import type { ComponentMonth } from '@/lib/services/sla-reports/monthly-uptime';
import type { Locale } from '@/lib/i18n/locales';
import { t } from '@/lib/i18n/messages';
import { formatUptime } from '@/lib/services/sla-reports/format';

function monthName(month: string, locale: Locale): string {
  const [year, m] = month.split('-').map(Number);
  return new Intl.DateTimeFormat(locale === 'ja' ? 'ja-JP' : 'en-US', {
    year: 'numeric',
    month: 'short',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(year, m - 1, 1)));
}

/** The last three months' uptime by the service's SLA rules, beside the 90-day bars. */
export function MonthlyUptime({ name, months, locale }: { name: string; months: ComponentMonth[]; locale: Locale }) {
  if (months.length === 0) return null;
  const tr = t(locale, 'sla');
  return (
    <div className="monthly-uptime">
      <span className="monthly-uptime-title">{tr('public.monthly')}</span>
      <dl aria-label={tr('public.monthlyLabel', { name })}>
        {months.map((m) => (
          <div key={m.month}>
            <dt>{m.complete ? monthName(m.month, locale) : tr('public.running', { month: monthName(m.month, locale) })}</dt>
            <dd>
              {m.uptimePercent === null ? (
                <>
                  <span aria-hidden="true">—</span>
                  <span className="visually-hidden">{tr('public.noData')}</span>
                </>
              ) : (
                formatUptime(m.uptimePercent, locale, 2)
              )}
            </dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
