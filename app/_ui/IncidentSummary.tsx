import Link from 'next/link';
import type { PublicIncident } from '@/lib/public/read/incidents';
import type { Locale } from '@/lib/i18n/locales';
import { t } from '@/lib/i18n/messages';
import { formatDateTime } from '@/lib/i18n/format';

/** An incident card: title, status, latest update, affected components. */
export function IncidentSummary({ incident, locale, timeZone }: { incident: PublicIncident; locale: Locale; timeZone: string }) {
  const tr = t(locale, 'public');
  const common = t(locale, 'common');
  const latest = incident.updates[0];
  return (
    <article className={`incident-card impact-${incident.impact}`} aria-labelledby={`incident-${incident.id}`}>
      <h3 id={`incident-${incident.id}`}>
        <Link href={`/incidents/${incident.id}`}>{incident.title}</Link>
      </h3>
      <p className="incident-meta">
        <span className={`pill incident-status-${incident.status}`}>{common(`incidentStatus.${incident.status}`)}</span>
        <span>{tr('incident.severity', { severity: common(`severity.${incident.severity}`) })}</span>
        <span>{tr('incident.started', { time: formatDateTime(incident.startedAt, locale, timeZone) })}</span>
      </p>
      {latest && (
        <div className="latest-update">
          <p className="update-head">
            {tr('latestUpdate')} ·{' '}
            <time dateTime={latest.displayAt.toISOString()}>{formatDateTime(latest.displayAt, locale, timeZone)}</time>
          </p>
          <p className="update-body">{latest.body}</p>
        </div>
      )}
      {incident.components.length > 0 && (
        <p className="affects">{tr('affects', { components: incident.components.map((c) => c.name).join('、') })}</p>
      )}
    </article>
  );
}
