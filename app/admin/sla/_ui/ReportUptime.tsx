import type { Locale } from '@/lib/i18n/locales';
import { t } from '@/lib/i18n/messages';
import type { SlaReportView } from '@/lib/services/sla-reports/sla-report';
import type { JudgedUptime } from '@/lib/sla/uptime';
import { bilingual, formatMinutes, formatTarget, formatUptime, localizedLabel, monthLabel } from './format';
import { UptimeChart } from './UptimeChart';
import { Verdict } from './Verdict';

/** The month's result in a few sentences: what a customer asks first. */
export function ReportSummary({ view, locale }: { view: SlaReportView; locale: Locale }) {
  const tr = t(locale, 'sla');
  const { summary } = view.report;
  const scopeName = (scope: string) =>
    scope === 'service'
      ? localizedLabel(view.report.service.label, locale)
      : localizedLabel(view.report.functionGroups.find((g) => g.key === scope)!.label, locale);
  const hasTargets = [view.report.service, ...view.report.functionGroups].some((f) => f.targetPercent !== null);
  return (
    <section aria-labelledby="sla-summary" className="panel sla-summary">
      <h2 id="sla-summary">{tr('summary.heading')}</h2>
      <ul>
        <li className={summary.creditDue ? 'sla-alert' : undefined}>
          {summary.creditDue
            ? tr('summary.creditDue', {
                tiers: summary.credits
                  .map((c) => `${scopeName(c.scope)}: ${localizedLabel(c.tier.description, locale)}`)
                  .join(' / '),
              })
            : tr('summary.noCredit')}
        </li>
        <li className={summary.targetsMissed.length ? 'sla-alert' : undefined}>
          {!hasTargets
            ? tr('summary.noTargets')
            : summary.targetsMissed.length
              ? tr('summary.targetsMissed', {
                  scopes: summary.targetsMissed.map(scopeName).join(tr('listSeparator')),
                })
              : tr('summary.allTargetsMet')}
        </li>
        <li>
          {tr('summary.incidents', {
            count: summary.incidentCount,
            excluded: summary.excludedIncidentCount,
            noticeMissed: summary.firstNoticeMissed,
            resolveMissed: summary.resolveMissed,
          })}
        </li>
        <li>
          {tr('summary.maintenances', {
            count: summary.maintenanceCount,
            late: summary.lateNoticeMaintenances,
            outside: summary.outOfWindowMaintenances,
            over: summary.overMaxDurationMaintenances,
          })}
        </li>
      </ul>
    </section>
  );
}

/** Uptime per scope against its target, the 12-month charts, and the per-component detail. */
export function ReportUptime({ view, locale, print = false }: { view: SlaReportView; locale: Locale; print?: boolean }) {
  const tr = t(locale, 'sla');
  const { report } = view;
  const minutes = (n: number) => formatMinutes(n, tr, locale);
  const row = (key: string, name: string, figure: JudgedUptime, empty = false) => (
    <tr key={key} data-scope={key}>
      <th scope="row">{name}</th>
      <td data-label={tr('uptime.target')}>
        {figure.targetPercent === null ? tr('uptime.noTarget') : formatTarget(figure.targetPercent, locale)}
      </td>
      <td data-label={tr('uptime.uptime')} className="sla-figure">
        {empty ? tr('uptime.noComponents') : formatUptime(figure.uptimePercent, locale)}
      </td>
      <td data-label={tr('uptime.downtime')}>{minutes(figure.downtimeMinutes)}</td>
      <td data-label={tr('uptime.excluded')}>{minutes(figure.excludedMinutes)}</td>
      <td data-label={tr('uptime.serviceMinutes')}>
        {tr('uptime.minutes', {
          n: Math.round(figure.serviceMinutes).toLocaleString(locale),
        })}
      </td>
      <td data-label={tr('uptime.verdict')}>
        <Verdict verdict={figure.verdict} locale={locale} />
      </td>
      <td data-label={tr('uptime.credit')}>
        {figure.credit.tier ? localizedLabel(figure.credit.tier.description, locale) : '—'}
      </td>
    </tr>
  );
  const charted = [
    {
      key: 'service',
      label: localizedLabel(report.service.label, locale),
      target: report.service.targetPercent,
    },
    ...report.functionGroups.map((g) => ({
      key: g.key,
      label: localizedLabel(g.label, locale),
      target: g.targetPercent,
    })),
  ].filter((s) => s.target !== null);
  const chartScopes = charted.length
    ? charted
    : [
        {
          key: 'service',
          label: localizedLabel(report.service.label, locale),
          target: null,
        },
      ];
  const groupLabel = (key: string | null) => {
    const group = key && report.functionGroups.find((g) => g.key === key);
    return group ? localizedLabel(group.label, locale) : tr('uptime.ungrouped');
  };

  return (
    <section aria-labelledby="sla-uptime" className="panel">
      <h2 id="sla-uptime">{tr('uptime.heading')}</h2>
      <table className="table sla-table">
        <caption className="visually-hidden">{tr('uptime.caption', { month: monthLabel(report.month, locale) })}</caption>
        <thead>
          <tr>
            {['scope', 'target', 'uptime', 'downtime', 'excluded', 'serviceMinutes', 'verdict', 'credit'].map((k) => (
              <th key={k} scope="col">
                {tr(`uptime.${k}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {row('service', localizedLabel(report.service.label, locale), report.service)}
          {report.functionGroups.map((g) => row(g.key, localizedLabel(g.label, locale), g, g.componentIds.length === 0))}
        </tbody>
      </table>
      <p className="sla-formula">{tr('uptime.formula')}</p>

      <h3 className="sla-panel-sub">{tr('chart.heading')}</h3>
      <div className="sla-charts">
        {chartScopes.map((s) => (
          <UptimeChart
            key={s.key}
            id={`chart-${s.key}`}
            scopeLabel={s.label}
            points={view.history}
            value={(p) => (s.key === 'service' ? p.service : (p.groups[s.key] ?? null))}
            target={s.target}
            locale={locale}
          />
        ))}
      </div>

      <details className="sla-components" open={print}>
        <summary>{tr('uptime.components')}</summary>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{tr('uptime.component')}</th>
              <th scope="col">{tr('uptime.group')}</th>
              <th scope="col">{tr('uptime.uptime')}</th>
              <th scope="col">{tr('uptime.downtime')}</th>
              <th scope="col">{tr('uptime.excluded')}</th>
            </tr>
          </thead>
          <tbody>
            {report.components.map((c) => (
              <tr key={c.componentId}>
                <th scope="row">{bilingual(view.names.components[c.componentId], locale)}</th>
                <td data-label={tr('uptime.group')}>{groupLabel(c.functionGroup)}</td>
                <td data-label={tr('uptime.uptime')}>{formatUptime(c.uptimePercent, locale)}</td>
                <td data-label={tr('uptime.downtime')}>{minutes(c.downtimeMinutes)}</td>
                <td data-label={tr('uptime.excluded')}>{minutes(c.excludedMinutes)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </section>
  );
}
