import type { Metadata } from 'next';
import { getDb } from '@/lib/db';
import { requestLocale } from '@/lib/i18n/server';
import { t } from '@/lib/i18n/messages';
import { formatDateTime } from '@/lib/i18n/format';
import { loadStatusPage } from '@/lib/public/read/status-page';
import { PublicShell } from '@/app/_ui/PublicShell';
import { StatusBanner } from '@/app/_ui/StatusBanner';
import { ComponentGroups } from '@/app/_ui/ComponentGroups';
import { IncidentSummary } from '@/app/_ui/IncidentSummary';
import { MaintenanceSummary } from '@/app/_ui/MaintenanceSummary';
import { LiveUpdates } from '@/app/_ui/live/LiveUpdates';
import { liveLabels } from '@/app/_ui/live/labels';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = {
  alternates: { types: { 'application/rss+xml': '/feed.rss', 'application/atom+xml': '/feed.atom' } },
};

export default async function StatusPage() {
  const locale = await requestLocale();
  const view = await loadStatusPage(await getDb(), { locale });
  const tr = t(locale, 'public');
  const tz = view.page.timeZone;
  return (
    <PublicShell locale={locale} pageName={view.page.name} timeZone={tz} path="/">
      <StatusBanner
        overall={view.overall}
        locale={locale}
        asOf={formatDateTime(view.generatedAt, locale, tz)}
        empty={view.groups.length === 0 && view.activeIncidents.length === 0 && view.activeMaintenances.length === 0}
      />
      <LiveUpdates labels={liveLabels(locale)} types={['component', 'incident', 'maintenance']} />

      {view.activeMaintenances.length > 0 && (
        <section aria-labelledby="active-maintenance" className="section">
          <h2 id="active-maintenance">{tr('activeMaintenance')}</h2>
          {view.activeMaintenances.map((m) => (
            <MaintenanceSummary key={m.id} maintenance={m} locale={locale} timeZone={tz} />
          ))}
        </section>
      )}

      <section aria-labelledby="active-incidents" className="section">
        <h2 id="active-incidents">{tr('activeIncidents')}</h2>
        {view.activeIncidents.length === 0 ? (
          <p className="empty">{tr('noActiveIncidents')}</p>
        ) : (
          view.activeIncidents.map((incident) => (
            <IncidentSummary key={incident.id} incident={incident} locale={locale} timeZone={tz} />
          ))
        )}
      </section>

      <ComponentGroups groups={view.groups} locale={locale} partialOutageWeight={view.page.partialOutageWeight} />

      <section aria-labelledby="upcoming-maintenance" className="section">
        <h2 id="upcoming-maintenance">{tr('upcomingMaintenance')}</h2>
        {view.upcomingMaintenances.length === 0 ? (
          <p className="empty">{tr('noUpcomingMaintenance')}</p>
        ) : (
          view.upcomingMaintenances.map((m) => <MaintenanceSummary key={m.id} maintenance={m} locale={locale} timeZone={tz} />)
        )}
      </section>

      <section aria-labelledby="recent-incidents" className="section">
        <h2 id="recent-incidents">{tr('recentIncidents')}</h2>
        {view.recentIncidents.length === 0 ? (
          <p className="empty">{tr('noRecentIncidents')}</p>
        ) : (
          view.recentIncidents.map((incident) => (
            <IncidentSummary key={incident.id} incident={incident} locale={locale} timeZone={tz} />
          ))
        )}
        <p>
          <a href="/history">{tr('viewHistory')}</a>
        </p>
      </section>
    </PublicShell>
  );
}
