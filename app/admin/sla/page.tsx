import { Suspense } from 'react';
import Link from 'next/link';
import { requireSession, type Signed } from '@/lib/auth/current';
import { ADMINS } from '@/lib/services/context';
import { getDb } from '@/lib/db';
import { formatDateTime } from '@/lib/i18n/format';
import type { Locale } from '@/lib/i18n/locales';
import { requestLocale } from '@/lib/i18n/server';
import { t } from '@/lib/i18n/messages';
import { listServices } from '@/lib/services/sla-policies/load-policy';
import { monthOf } from '@/lib/sla/month';
import { verifyEvidence } from '@/lib/services/sla-reports/sla-report';
import { bilingual, monthLabel, shiftMonth } from './_ui/format';
import { loadReportFor, reportQuery, type SearchParams } from './_ui/load-report';
import { ReportSummary, ReportUptime } from './_ui/ReportUptime';
import { ReportWithdrawn } from './_ui/ReportWithdrawn';
import { MeasuredUptime } from './_ui/MeasuredUptime';
import { ReportIncidents, ReportMaintenance } from './_ui/ReportEvents';
import { ReportEntries } from './_ui/ReportEntries';
import { PolicyRules } from './_ui/PolicyRules';
import { ChainPanel, ChainVerdictLine } from './_ui/ChainPanel';
import { NoServices } from './_ui/NoServices';

export const dynamic = 'force-dynamic';

/** Walks the chain and checks the SLA inputs against it while the rest of the page is already shown. */
async function StreamedVerdict({ session, locale, timeZone }: { session: Signed; locale: Locale; timeZone: string }) {
  const { verdict, verifiedAt } = await verifyEvidence({ ctx: session.ctx });
  return <ChainVerdictLine verdict={verdict} at={verifiedAt} locale={locale} timeZone={timeZone} />;
}

export default async function SlaReportPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const session = await requireSession();
  const [locale, query] = await Promise.all([requestLocale(), searchParams]);
  const tr = t(locale, 'sla');
  const [services, loaded] = await Promise.all([
    listServices(await getDb()),
    loadReportFor(session, query, locale, { verifyChain: false }),
  ]);
  const view = 'view' in loaded ? loaded.view : null;
  const selectedService = view?.service.id ?? (typeof query.service === 'string' ? query.service : services[0]?.id);
  const tz = view?.report.timeZone ?? services[0]?.pageTimeZone ?? 'Asia/Tokyo';
  const thisMonth = monthOf(new Date(), tz);
  const month = view?.report.month ?? (typeof query.month === 'string' ? query.month : thisMonth);
  if (services.length === 0) {
    return (
      <>
        <h1>{tr('title')}</h1>
        <NoServices locale={locale} />
      </>
    );
  }

  return (
    <>
      <div className="page-head">
        <h1>{tr('title')}</h1>
        {ADMINS.includes(session.user.role) && selectedService && (
          <Link className="button button-secondary" href={`/admin/sla/policy?service=${encodeURIComponent(selectedService)}`}>
            {tr('actions.editPolicy')}
          </Link>
        )}
      </div>

      <form method="get" action="/admin/sla" className="filters sla-picker" aria-label={tr('choose.label')}>
        <div className="field">
          <label htmlFor="sla-service">{tr('choose.service')}</label>
          <select id="sla-service" name="service" defaultValue={selectedService}>
            {services.map((s) => (
              <option key={s.id} value={s.id}>
                {bilingual({ ja: s.name, en: s.nameEn }, locale)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="sla-month">{tr('choose.month')}</label>
          <input id="sla-month" type="month" name="month" defaultValue={month} max={thisMonth} />
        </div>
        <button type="submit" className="button">
          {tr('choose.show')}
        </button>
      </form>

      {'error' in loaded ? (
        <p className="form-message form-message-error" role="alert">
          {loaded.error}
        </p>
      ) : (
        view && (
          <>
            <div className="sla-head">
              <h2>
                {tr('heading', {
                  service: bilingual({ ja: view.service.name, en: view.service.nameEn }, locale),
                  month: monthLabel(view.report.month, locale),
                })}
              </h2>
              <nav aria-label={tr('choose.label')} className="sla-months">
                <Link href={`/admin/sla?${reportQuery(view.service.id, shiftMonth(month, -1))}`}>← {tr('choose.previous')}</Link>
                {month < thisMonth && (
                  <Link href={`/admin/sla?${reportQuery(view.service.id, shiftMonth(month, 1))}`}>{tr('choose.next')} →</Link>
                )}
              </nav>
              <p className="muted">
                {tr('period', {
                  from: formatDateTime(view.report.periodStart, locale, tz),
                  to: formatDateTime(view.report.periodEnd, locale, tz),
                  zone: tz,
                })}
              </p>
              {!view.report.complete && (
                <p className="sla-note-block">
                  {tr('running', {
                    asOf: formatDateTime(view.report.asOf, locale, tz),
                  })}
                </p>
              )}
              {!view.policyStored && <p className="form-message form-message-error">{tr('defaultPolicy')}</p>}
              <p className="row-actions">
                <a
                  className="button button-secondary button-small"
                  href={`/api/admin/sla/export?${reportQuery(view.service.id, month)}&format=csv`}
                  download
                >
                  {tr('actions.csv')}
                </a>
                <a
                  className="button button-secondary button-small"
                  href={`/api/admin/sla/export?${reportQuery(view.service.id, month)}&format=json`}
                  download
                >
                  {tr('actions.json')}
                </a>
                <Link
                  className="button button-secondary button-small"
                  href={`/admin/sla/print?${reportQuery(view.service.id, month)}`}
                >
                  {tr('actions.print')}
                </Link>
              </p>
            </div>
            <ReportSummary view={view} locale={locale} />
            <ReportUptime view={view} locale={locale} />
            <MeasuredUptime view={view} ctx={session.ctx} locale={locale} />
            <ReportIncidents view={view} locale={locale} />
            <ReportEntries view={view} locale={locale} />
            <ReportEntries view={view} locale={locale} />
            <ReportWithdrawn view={view} locale={locale} />
            <ReportMaintenance view={view} locale={locale} />
            <PolicyRules policy={view.policy} locale={locale} />
            <ChainPanel
              chain={view.chain}
              locale={locale}
              timeZone={tz}
              interactive
              pendingVerdict={
                <Suspense fallback={<p className="muted">{tr('chain.verifying')}</p>}>
                  <StreamedVerdict session={session} locale={locale} timeZone={tz} />
                </Suspense>
              }
            />
          </>
        )
      )}
    </>
  );
}
