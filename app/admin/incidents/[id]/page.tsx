import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requireSession } from '@/lib/auth/current';
import { isServiceError } from '@/lib/errors';
import { ADMINS, WRITERS } from '@/lib/services/context';
import { getIncident } from '@/lib/services/incidents/get';
import { listConsoleComponents } from '@/lib/services/components/list';
import { resolvePage } from '@/lib/pages/context';
import { localized } from '@/lib/i18n/localized';
import { formatDateTime } from '@/lib/i18n/format';
import { requestLocale } from '@/lib/i18n/server';
import { t } from '@/lib/i18n/messages';
import { IncidentStatusPill, SeverityPill } from '../../_ui/IncidentBadges';
import { Timeline } from './Timeline';
import { ProgressForms, PublishForm } from './ProgressForms';
import { RecordForms } from './RecordForms';
import { DeleteDraftForm, WithdrawForm } from './WithdrawForms';

export const dynamic = 'force-dynamic';

/** Outcomes of forms that leave the page (their form is gone afterwards), shown from ?saved=. */
const REDIRECT_NOTICES = ['opened', 'resolved', 'published', 'withdrawn'];

export default async function IncidentPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { user, ctx } = await requireSession();
  const [locale, { id }, query, page] = await Promise.all([requestLocale(), params, searchParams, resolvePage(ctx.db)]);
  const incident = await getIncident({ ctx, input: { id } }).catch((error: unknown) => {
    if (isServiceError(error) && error.code === 'not_found') notFound();
    throw error;
  });
  const catalogue = await listConsoleComponents({ ctx });
  const tr = t(locale, 'admin');
  const common = t(locale, 'common');
  const tz = page.timeZone;
  const withdrawn = incident.withdrawnAt !== null;
  // A withdrawn incident is a closed record: nothing more is posted to it.
  const canWrite = WRITERS.includes(user.role) && !withdrawn;
  const fd = t(locale, 'firstday');
  return (
    <>
      <p className="breadcrumb">
        <Link href="/admin/incidents">{tr('nav.incidents')}</Link>
      </p>
      <h1>{localized(locale, incident.title, incident.titleEn)}</h1>
      {typeof query.saved === 'string' && REDIRECT_NOTICES.includes(query.saved) && (
        <p className="form-message form-message-ok" role="status">
          {query.saved === 'withdrawn' ? fd('withdraw.done') : tr(`incidents.saved.${query.saved}`)}
        </p>
      )}
      <div className="row-meta">
        <IncidentStatusPill status={incident.status} locale={locale} />
        <SeverityPill severity={incident.severity} locale={locale} />
        <span>{tr('incidents.impactLabel', { impact: common(`impact.${incident.impact}`) })}</span>
        {withdrawn && <span className="pill pill-draft">{fd('withdraw.badge')}</span>}
        {!incident.published && !withdrawn && <span className="pill pill-draft">{tr('incidents.draft')}</span>}
        {incident.slaExcluded && <span className="pill">{tr('incidents.slaExcludedBadge')}</span>}
        {incident.published && <Link href={`/incidents/${incident.id}`}>{tr('incidents.viewPublic')}</Link>}
      </div>
      {incident.withdrawnAt && (
        <p className="notice-block" role="note">
          {fd('withdraw.notice', {
            at: formatDateTime(incident.withdrawnAt, locale, tz),
            by: incident.withdrawnBy ?? '',
            reason: incident.withdrawalReason ?? '',
          })}
        </p>
      )}
      <dl className="facts">
        <dt>{tr('incidents.facts.detected')}</dt>
        <dd>{formatDateTime(incident.detectedAt, locale, tz)}</dd>
        <dt>{tr('incidents.facts.started')}</dt>
        <dd>{formatDateTime(incident.startedAt, locale, tz)}</dd>
        {incident.resolvedAt && (
          <>
            <dt>{tr('incidents.facts.resolved')}</dt>
            <dd>{formatDateTime(incident.resolvedAt, locale, tz)}</dd>
          </>
        )}
        <dt>{tr('incidents.affected')}</dt>
        <dd>
          {incident.components
            .map((c) => `${localized(locale, c.name, c.nameEn)}（${common(`componentStatus.${c.current}`)}）`)
            .join('、') || '—'}
        </dd>
        {incident.slaExcluded && (
          <>
            <dt>{tr('incidents.slaExclusion')}</dt>
            <dd>
              {tr(`incidents.exclusionKinds.${incident.slaExclusionKind}`)}: {incident.slaExclusionReason}
            </dd>
          </>
        )}
      </dl>

      <div className="columns">
        <div>
          {canWrite && !incident.published && <PublishForm incidentId={incident.id} locale={locale} />}
          {canWrite && !incident.resolvedAt && (
            <ProgressForms incident={incident} groups={catalogue.groups} locale={locale} timeZone={tz} />
          )}
          <section className="panel" aria-labelledby="timeline">
            <h2 id="timeline">{tr('incidents.timeline')}</h2>
            <Timeline incident={incident} locale={locale} timeZone={tz} canWrite={canWrite} />
          </section>
          {!canWrite && incident.postmortem && (
            <section className="panel" aria-labelledby="postmortem-view">
              <h2 id="postmortem-view">{tr('incidents.postmortem')}</h2>
              <p className="plain-text">{localized(locale, incident.postmortem, incident.postmortemEn)}</p>
            </section>
          )}
        </div>
        <div>
          {canWrite && <RecordForms incident={incident} locale={locale} timeZone={tz} />}
          {canWrite && !incident.published && <DeleteDraftForm incidentId={incident.id} locale={locale} />}
          {incident.published && ADMINS.includes(user.role) && <WithdrawForm incidentId={incident.id} locale={locale} />}
        </div>
      </div>
    </>
  );
}
