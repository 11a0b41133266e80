import Link from 'next/link';
import { requireSession } from '@/lib/auth/current';
import { formatDateTime } from '@/lib/i18n/format';
import { requestLocale } from '@/lib/i18n/server';
import { t } from '@/lib/i18n/messages';
import { bilingual, monthLabel } from '../_ui/format';
import { loadReportFor, reportQuery, type SearchParams } from '../_ui/load-report';
import { ReportSummary, ReportUptime } from '../_ui/ReportUptime';
import { ReportWithdrawn } from '../_ui/ReportWithdrawn';
import { ReportIncidents, ReportMaintenance } from '../_ui/ReportEvents';
import { ReportEntries } from '../_ui/ReportEntries';
import { PolicyRules } from '../_ui/PolicyRules';
import { ChainPanel } from '../_ui/ChainPanel';
import { ReportHeads } from '../_ui/ReportHeads';
import { PrintButton } from '../_ui/PrintButton';
import { NoServices } from '../_ui/NoServices';

export const dynamic = 'force-dynamic';

/** The report as an A4 document a customer-success team can send as is (print or save as PDF). */
export default async function SlaPrintPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const session = await requireSession();
  const [locale, query] = await Promise.all([requestLocale(), searchParams]);
  const tr = t(locale, 'sla');
  const loaded = await loadReportFor(session, query, locale, { verifyChain: true });
  if ('error' in loaded) {
    return (
      <div className="sla-print">
        <h1>{tr('title')}</h1>
        {loaded.key === 'no_services' ? (
          <NoServices locale={locale} />
        ) : (
          <p className="form-message form-message-error" role="alert">
            {loaded.error}
          </p>
        )}
        <Link href="/admin/sla">{tr('actions.back')}</Link>
      </div>
    );
  }
  const { view } = loaded;
  const tz = view.report.timeZone;
  const serviceName = bilingual({ ja: view.service.name, en: view.service.nameEn }, locale);
  return (
    <article className="sla-print">
      <div className="sla-print-tools">
        <Link href={`/admin/sla?${reportQuery(view.service.id, view.report.month)}`}>← {tr('actions.back')}</Link>
        <PrintButton label={tr('actions.printNow')} />
        <span className="muted">{tr('print.page')}</span>
      </div>
      <header className="sla-print-header">
        <p className="sla-print-provider">{bilingual({ ja: view.service.pageName, en: view.service.pageNameEn }, locale)}</p>
        <h1>
          {tr('print.title')}
          <span>
            {tr('heading', {
              service: serviceName,
              month: monthLabel(view.report.month, locale),
            })}
          </span>
        </h1>
        <p>
          {tr('period', {
            from: formatDateTime(view.report.periodStart, locale, tz),
            to: formatDateTime(view.report.periodEnd, locale, tz),
            zone: tz,
          })}
        </p>
        <p>
          {tr('print.generatedAt', {
            at: formatDateTime(view.generatedAt, locale, tz),
          })}
        </p>
        {!view.report.complete && (
          <p className="sla-note-block">
            {tr('running', {
              asOf: formatDateTime(view.report.asOf, locale, tz),
            })}
          </p>
        )}
        {!view.policyStored && <p className="sla-note-block">{tr('defaultPolicy')}</p>}
      </header>
      <ReportSummary view={view} locale={locale} />
      <ReportUptime view={view} locale={locale} print />
      <ReportIncidents view={view} locale={locale} />
      <ReportEntries view={view} locale={locale} />
      <ReportWithdrawn view={view} locale={locale} />
      <ReportMaintenance view={view} locale={locale} />
      <PolicyRules policy={view.policy} locale={locale} />
      <ChainPanel chain={view.chain} locale={locale} timeZone={tz} interactive={false} />
      <ReportHeads heads={view.chain.publishedHeads} locale={locale} timeZone={tz} />
    </article>
  );
}
