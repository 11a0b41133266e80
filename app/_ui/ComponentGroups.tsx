import type { PublicGroup } from '@/lib/public/read/status-page';
import type { Locale } from '@/lib/i18n/locales';
import { t } from '@/lib/i18n/messages';
import { StatusLabel } from './StatusLabel';
import { UptimeBars } from './UptimeBars';
import { MonthlyUptime } from './MonthlyUptime';

export function ComponentGroups({
  groups,
  locale,
  partialOutageWeight,
}: {
  groups: PublicGroup[];
  locale: Locale;
  partialOutageWeight: number;
}) {
  const tr = t(locale, 'public');
  if (groups.length === 0) return <NoComponentsYet locale={locale} />;
  return (
    <section aria-labelledby="components-heading" className="section">
      <h2 id="components-heading">{tr('components')}</h2>
      {groups.map((group) => (
        <section key={group.id ?? 'ungrouped'} className="group" aria-labelledby={`group-${group.id ?? 'ungrouped'}`}>
          <div className="group-head">
            <h3 id={`group-${group.id ?? 'ungrouped'}`}>{group.name ?? tr('ungrouped')}</h3>
            <StatusLabel status={group.status} locale={locale} />
          </div>
          <ul className="components">
            {group.components.map((component) => (
              <li key={component.id} className="component" data-component-id={component.id}>
                <div className="component-head">
                  <span className="component-name">{component.name}</span>
                  <StatusLabel status={component.status} locale={locale} />
                </div>
                {component.description && (
                  <details className="component-description">
                    <summary>{tr('showDescription')}</summary>
                    <p>{component.description}</p>
                  </details>
                )}
                <UptimeBars component={component} locale={locale} />
                <MonthlyUptime name={component.name} months={component.monthlyUptime} locale={locale} />
              </li>
            ))}
          </ul>
        </section>
      ))}
      <p className="uptime-rule">{tr('uptimeRule', { weight: Math.round(partialOutageWeight * 100) })}</p>
      <p className="uptime-rule">{t(locale, 'sla')('public.note')}</p>
    </section>
  );
}

/** A new page before its operator adds anything: what will appear here, and how to hear about it meanwhile. */
function NoComponentsYet({ locale }: { locale: Locale }) {
  const tr = t(locale, 'firstday');
  return (
    <section aria-labelledby="components-heading" className="section">
      <h2 id="components-heading">{t(locale, 'public')('components')}</h2>
      <div className="empty-page">
        <h3>{tr('public.emptyTitle')}</h3>
        <p>{tr('public.emptyBody')}</p>
        <a href="/subscribe">{tr('public.emptySubscribe')}</a>
      </div>
    </section>
  );
}
