import type { Locale } from '@/lib/i18n/locales';
import { t } from '@/lib/i18n/messages';
import type { SlaReportView } from '@/lib/services/sla-reports/sla-report';
import type { ServiceContext } from '@/lib/services/context';
import { getMeasuredUptime } from '@/lib/services/monitors/measured-uptime';
import { formatUptime } from './format';

/**
 * Uptime measured by Shirase's own monitors beside the uptime declared by status periods, for
 * each component of the report that has a monitor. Shown only when there is something measured.
 */
export async function MeasuredUptime({ view, ctx, locale }: { view: SlaReportView; ctx: ServiceContext; locale: Locale }) {
  const { report } = view;
  const measured = await getMeasuredUptime({
    ctx,
    input: {
      componentIds: report.components.map((c) => c.componentId),
      from: report.periodStart,
      to: new Date(Math.min(report.asOf.getTime(), report.periodEnd.getTime())),
    },
  });
  const rows = measured.filter((m) => m.checks > 0);
  if (rows.length === 0) return null;
  const tr = t(locale, 'monitors');
  const declared = new Map(report.components.map((c) => [c.componentId, c]));
  return (
    <section aria-labelledby="sla-measured" className="panel">
      <h2 id="sla-measured">{tr('sla.heading')}</h2>
      <p className="muted">{tr('sla.intro')}</p>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{tr('sla.component')}</th>
            <th scope="col">{tr('sla.declared')}</th>
            <th scope="col">{tr('sla.measured')}</th>
            <th scope="col">{tr('sla.checks')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((m) => {
            const component = declared.get(m.componentId);
            const name = view.names.components[m.componentId];
            return (
              <tr key={m.componentId}>
                <td>{(locale === 'en' && name?.en) || name?.ja || component?.name}</td>
                <td>{formatUptime(component?.uptimePercent ?? null, locale)}</td>
                <td>{formatUptime(m.uptimePercent, locale)}</td>
                <td>{tr('sla.checkCount', { checks: m.checks, failures: m.failures })}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
