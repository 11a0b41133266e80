import Link from 'next/link';
import { redirect } from 'next/navigation';
import { currentSession, requireSession } from '@/lib/auth/current';
import { isSetupOpen } from '@/lib/services/users/first-admin';
import { getDb } from '@/lib/db';
import { WRITERS } from '@/lib/services/context';
import { loadDashboard } from '@/lib/services/incidents/dashboard';
import { listMessageProgress } from '@/lib/services/deliveries/progress';
import { localized } from '@/lib/i18n/localized';
import { formatDateTime } from '@/lib/i18n/format';
import { requestLocale } from '@/lib/i18n/server';
import { t } from '@/lib/i18n/messages';
import { StatusLabel } from '@/app/_ui/StatusLabel';
import { IncidentStatusPill, SeverityPill } from './_ui/IncidentBadges';
import { OnboardingPanel } from './_ui/OnboardingPanel';
import { LiveUpdates } from '@/app/_ui/live/LiveUpdates';
import { liveLabels } from '@/app/_ui/live/labels';

export const dynamic = 'force-dynamic';

export default async function DashboardPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  if (!(await currentSession()) && (await isSetupOpen(await getDb()))) redirect('/admin/setup');
  const { user, ctx } = await requireSession();
  const locale = await requestLocale();
  const [query, view, progress] = await Promise.all([
    searchParams,
    loadDashboard({ ctx }),
    listMessageProgress(ctx, { locale, since: new Date(Date.now() - 86_400_000), limit: 5 }),
  ]);
  const tr = t(locale, 'admin');
  const tz = view.timeZone;
  const canWrite = WRITERS.includes(user.role);
  return (
    <>
      <div className="page-head">
        <h1>{tr('nav.dashboard')}</h1>
        <LiveUpdates labels={liveLabels(locale)} />
        {canWrite && (
          <Link className="button" href="/admin/incidents/new">
            {tr('incidents.new')}
          </Link>
        )}
      </div>
      {query.denied !== undefined && (
        <p className="form-message form-message-error" role="alert">
          {tr('denied')}
        </p>
      )}

      {user.role === 'admin' && <OnboardingPanel ctx={ctx} locale={locale} />}

      <section aria-labelledby="open-incidents" className="panel">
        <h2 id="open-incidents">{tr('dashboard.openIncidents')}</h2>
        {view.openIncidents.length === 0 ? (
          <p className="muted">{tr('dashboard.noOpenIncidents')}</p>
        ) : (
          <ul className="rows">
            {view.openIncidents.map((i) => (
              <li key={i.id} className="row">
                <Link href={`/admin/incidents/${i.id}`} className="row-title">
                  {localized(locale, i.title, i.titleEn)}
                </Link>
                <div className="row-meta">
                  <IncidentStatusPill status={i.status} locale={locale} />
                  <SeverityPill severity={i.severity} locale={locale} />
                  {!i.published && <span className="pill pill-draft">{tr('incidents.draft')}</span>}
                  <span>{formatDateTime(i.startedAt, locale, tz)}</span>
                </div>
                <p className="row-sub">{i.components.map((c) => localized(locale, c.name, c.nameEn)).join('、')}</p>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="component-statuses" className="panel">
        <h2 id="component-statuses">{tr('dashboard.components')}</h2>
        {view.groups.length === 0 && (
          <p className="muted">
            {t(locale, 'firstday')('console.noComponents')}{' '}
            <Link href="/admin/components">{t(locale, 'firstday')('console.addComponents')}</Link>
          </p>
        )}
        {view.groups.map((g) => (
          <div key={g.id ?? 'ungrouped'} className="status-group">
            <h3>{g.name ? localized(locale, g.name, g.nameEn) : tr('components.ungrouped')}</h3>
            <ul className="status-list">
              {g.components.map((c) => (
                <li key={c.id}>
                  <span>{localized(locale, c.name, c.nameEn)}</span>
                  <StatusLabel status={c.status} locale={locale} />
                </li>
              ))}
            </ul>
          </div>
        ))}
      </section>

      <section aria-labelledby="upcoming-maintenance" className="panel">
        <h2 id="upcoming-maintenance">{tr('dashboard.upcomingMaintenance')}</h2>
        {view.upcomingMaintenances.length === 0 ? (
          <p className="muted">{tr('dashboard.noUpcomingMaintenance')}</p>
        ) : (
          <ul className="rows">
            {view.upcomingMaintenances.map((m) => (
              <li key={m.id} className="row">
                <Link href={`/admin/maintenance/${m.id}`} className="row-title">
                  {localized(locale, m.title, m.titleEn)}
                </Link>
                <div className="row-meta">
                  <span className={`pill maintenance-status-${m.status}`}>
                    {t(locale, 'common')(`maintenanceStatus.${m.status}`)}
                  </span>
                  <span>
                    {formatDateTime(m.scheduledStart, locale, tz)} – {formatDateTime(m.scheduledEnd, locale, tz)}
                  </span>
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="delivery-progress" className="panel">
        <h2 id="delivery-progress">{tr('dashboard.deliveries')}</h2>
        {progress.length === 0 ? (
          <p className="muted">{tr('dashboard.noDeliveries')}</p>
        ) : (
          <ul className="rows">
            {progress.map((m) => (
              <li key={m.messageId} className="row">
                <span className="row-title">{m.title ?? tr(`noticeTypes.${m.type}`)}</span>
                <div className="row-meta">
                  <span>{tr(`noticeTypes.${m.type}`)}</span>
                  <span>{formatDateTime(m.createdAt, locale, tz)}</span>
                </div>
                {m.channels.map((c) => (
                  <div key={c.channel} className="row-meta">
                    <span className="pill">{tr(`channels.${c.channel}`)}</span>
                    {(['sent', 'queued', 'failed', 'dead'] as const).map((s) => (
                      <span key={s}>{tr(`deliveryCounts.${s}`, { n: c.counts[s] ?? 0 })}</span>
                    ))}
                  </div>
                ))}
              </li>
            ))}
          </ul>
        )}
        <p>
          <Link href="/admin/deliveries">{tr('dashboard.allDeliveries')}</Link>
        </p>
      </section>
    </>
  );
}
