import type { PublicMaintenance } from '@/lib/public/read/maintenances';
import type { Locale } from '@/lib/i18n/locales';
import { t } from '@/lib/i18n/messages';
import { formatDateTime } from '@/lib/i18n/format';

export function MaintenanceSummary({
  maintenance,
  locale,
  timeZone,
}: {
  maintenance: PublicMaintenance;
  locale: Locale;
  timeZone: string;
}) {
  const tr = t(locale, 'public');
  const common = t(locale, 'common');
  const stopping = maintenance.components.filter((c) => c.stops);
  const keptUp = maintenance.components.filter((c) => !c.stops);
  return (
    <article className="maintenance-card" aria-labelledby={`maintenance-${maintenance.id}`}>
      <h3 id={`maintenance-${maintenance.id}`}>
        <a href={`/maintenance/${maintenance.id}`}>{maintenance.title}</a>
      </h3>
      <p className="incident-meta">
        <span className={`pill maintenance-status-${maintenance.status}`}>
          {common(`maintenanceStatus.${maintenance.status}`)}
        </span>
        <span>
          {tr('maintenanceWindow', {
            start: formatDateTime(maintenance.scheduledStart, locale, timeZone),
            end: formatDateTime(maintenance.scheduledEnd, locale, timeZone),
          })}
        </span>
        <span>{tr('expectedDowntime', { minutes: maintenance.expectedDowntimeMinutes })}</span>
      </p>
      {maintenance.overrunning && (
        <p className="overrun" role="status">
          {tr('overrunning')}
        </p>
      )}
      <p className="update-body">{maintenance.body}</p>
      {stopping.length > 0 && <p className="affects">{tr('affects', { components: stopping.map((c) => c.name).join('、') })}</p>}
      {keptUp.length > 0 && <p className="affects">{tr('keepsRunning', { components: keptUp.map((c) => c.name).join('、') })}</p>}
    </article>
  );
}
