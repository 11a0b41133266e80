import { notFound } from 'next/navigation';
import Link from 'next/link';
import { getDb } from '@/lib/db';
import { requestLocale } from '@/lib/i18n/server';
import { t } from '@/lib/i18n/messages';
import { formatDateTime } from '@/lib/i18n/format';
import { resolvePage } from '@/lib/pages/context';
import { localized } from '@/lib/i18n/localized';
import { findPublicIncident } from '@/lib/public/read/incidents';
import { PublicShell } from '@/app/_ui/PublicShell';
import { StatusLabel } from '@/app/_ui/StatusLabel';
import { formatDuration } from '@/app/_ui/duration';

export const dynamic = 'force-dynamic';

export default async function IncidentPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const locale = await requestLocale();
  const db = await getDb();
  const page = await resolvePage(db);
  const incident = await findPublicIncident(db, page.id, id, locale);
  if (!incident) notFound();
  const tr = t(locale, 'public');
  const common = t(locale, 'common');
  const tz = page.timeZone;
  return (
    <PublicShell
      locale={locale}
      pageName={localized(locale, page.name, page.nameEn)}
      timeZone={tz}
      path={`/incidents/${incident.id}`}
    >
      <p>
        <Link href="/">← {tr('incident.back')}</Link>
      </p>
      <article className="incident-detail" aria-labelledby="incident-title">
        <h1 id="incident-title">{incident.title}</h1>
        <p className="incident-meta">
          <span className={`pill incident-status-${incident.status}`}>{common(`incidentStatus.${incident.status}`)}</span>
          <span>{tr('incident.severity', { severity: common(`severity.${incident.severity}`) })}</span>
          <span>{tr('incident.started', { time: formatDateTime(incident.startedAt, locale, tz) })}</span>
          {incident.resolvedAt && (
            <span>{tr('incident.resolved', { time: formatDateTime(incident.resolvedAt, locale, tz) })}</span>
          )}
          {incident.resolvedAt && (
            <span>
              {tr('incident.duration', {
                duration: formatDuration(incident.resolvedAt.getTime() - incident.startedAt.getTime(), locale),
              })}
            </span>
          )}
        </p>
        <section aria-labelledby="affected-heading">
          <h2 id="affected-heading">{tr('incident.affected')}</h2>
          <ul className="affected-list">
            {incident.components.map((c) => (
              <li key={c.id}>
                {c.name} <StatusLabel status={c.status} locale={locale} />
              </li>
            ))}
          </ul>
        </section>
        <section aria-labelledby="timeline-heading">
          <h2 id="timeline-heading">{tr('incident.timeline')}</h2>
          <ol className="timeline">
            {incident.updates.map((update) => (
              <li key={update.id} className="timeline-item">
                <p className="update-head">
                  <span className={`pill incident-status-${update.status}`}>{common(`incidentStatus.${update.status}`)}</span>{' '}
                  <time dateTime={update.displayAt.toISOString()}>{formatDateTime(update.displayAt, locale, tz)}</time>
                </p>
                <p className="update-body">{update.body}</p>
                {update.affectedComponents.length > 0 && (
                  <ul className="component-changes">
                    {update.affectedComponents.map((a) => (
                      <li key={a.id}>
                        {tr('incident.componentChange', { name: a.name, status: common(`componentStatus.${a.status}`) })}
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ol>
        </section>
        {incident.postmortem && (
          <section aria-labelledby="postmortem-heading">
            <h2 id="postmortem-heading">{tr('incident.postmortem')}</h2>
            <p className="update-body">{incident.postmortem}</p>
          </section>
        )}
      </article>
    </PublicShell>
  );
}
