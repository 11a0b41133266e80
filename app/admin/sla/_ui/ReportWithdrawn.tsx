import { formatDateTime } from '@/lib/i18n/format';
import type { Locale } from '@/lib/i18n/locales';
import { t } from '@/lib/i18n/messages';
import type { SlaReportView } from '@/lib/services/sla-reports/sla-report';
import { bilingual } from './format';

/** Incidents of the month an operator withdrew: who, when and why, beside figures that leave them out. */
export function ReportWithdrawn({ view, locale }: { view: SlaReportView; locale: Locale }) {
  if (view.withdrawn.length === 0) return null;
  const tr = t(locale, 'firstday');
  const at = (d: Date) => formatDateTime(d, locale, view.report.timeZone);
  return (
    <section aria-labelledby="sla-withdrawn" className="panel">
      <h2 id="sla-withdrawn">{tr('sla.withdrawnHeading')}</h2>
      <p className="muted">{tr('sla.withdrawnExplain')}</p>
      <table className="table sla-table">
        <thead>
          <tr>
            <th scope="col">{tr('sla.incident')}</th>
            <th scope="col">{tr('sla.started')}</th>
            <th scope="col">{tr('sla.withdrawnAt')}</th>
            <th scope="col">{tr('sla.withdrawnBy')}</th>
            <th scope="col">{tr('sla.reason')}</th>
          </tr>
        </thead>
        <tbody>
          {view.withdrawn.map((i) => (
            <tr key={i.id}>
              <th scope="row">{bilingual({ ja: i.title, en: i.titleEn }, locale)}</th>
              <td data-label={tr('sla.started')}>{at(i.startedAt)}</td>
              <td data-label={tr('sla.withdrawnAt')}>{at(i.withdrawnAt)}</td>
              <td data-label={tr('sla.withdrawnBy')}>{i.withdrawnBy}</td>
              <td data-label={tr('sla.reason')}>{i.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
