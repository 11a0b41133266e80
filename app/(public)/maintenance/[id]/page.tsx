import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import Link from 'next/link';
import { getDb } from '@/lib/db';
import { requestLocale } from '@/lib/i18n/server';
import { t } from '@/lib/i18n/messages';
import { formatDateTime } from '@/lib/i18n/format';
import { resolvePage } from '@/lib/pages/context';
import { localized } from '@/lib/i18n/localized';
import { findPublicMaintenance } from '@/lib/public/read/maintenances';
import { localDate, maintenancePhase } from '@/lib/maintenance/calendar';
import { PublicShell } from '@/app/_ui/PublicShell';
import { formatDuration } from '@/app/_ui/duration';
import { ViewerTime } from '../ViewerTime';
import styles from '../maintenance.module.css';

export const dynamic = 'force-dynamic';

async function load(id: string) {
  const locale = await requestLocale();
  const db = await getDb();
  const page = await resolvePage(db);
  const maintenance = await findPublicMaintenance(db, page.id, id, locale, new Date());
  return { locale, page, maintenance };
}

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const { maintenance } = await load((await params).id);
  return maintenance ? { title: maintenance.title } : {};
}

export default async function MaintenanceDetailPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { locale, page, maintenance: m } = await load(id);
  if (!m) notFound();
  const tr = t(locale, 'maintenance');
  const common = t(locale, 'common');
  const tz = page.timeZone;
  const when = (d: Date) => formatDateTime(d, locale, tz);
  const phase = maintenancePhase(m, new Date());
  return (
    <PublicShell locale={locale} pageName={localized(locale, page.name, page.nameEn)} timeZone={tz} path={`/maintenance/${m.id}`}>
      <p>
        <Link href={`/maintenance?month=${localDate(m.scheduledStart, tz).slice(0, 7)}`}>← {tr('detail.back')}</Link>
      </p>
      <article className="incident-detail" aria-labelledby="maintenance-title">
        <h1 id="maintenance-title">{m.title}</h1>
        <p className="incident-meta">
          <span className={`pill maintenance-status-${m.status} ${m.status === 'cancelled' ? styles.statusCancelled : ''}`}>
            {common(`maintenanceStatus.${m.status}`)}
          </span>
          {phase === 'past' && m.status !== 'completed' && <span>{tr('phase.past')}</span>}
        </p>
        {m.overrunning && (
          <p className="overrun" role="status">
            {tr('detail.overrunning', { end: when(m.scheduledEnd) })}
          </p>
        )}
        <dl className={styles.detailList}>
          <dt>{tr('detail.window')}</dt>
          <dd>
            <time dateTime={m.scheduledStart.toISOString()}>{when(m.scheduledStart)}</time> –{' '}
            <time dateTime={m.scheduledEnd.toISOString()}>{when(m.scheduledEnd)}</time>
            <span className={styles.viewerTime}>
              {tr('detail.windowLength', {
                duration: formatDuration(m.scheduledEnd.getTime() - m.scheduledStart.getTime(), locale),
              })}
            </span>
            <ViewerTime
              start={m.scheduledStart.toISOString()}
              end={m.scheduledEnd.toISOString()}
              pageTimeZone={tz}
              locale={locale}
              label={tr('detail.yourTime')}
              className={styles.viewerTime}
            />
          </dd>
          <dt>{tr('detail.expectedDowntime')}</dt>
          <dd>
            {m.expectedDowntimeMinutes === 0
              ? tr('detail.noDowntime')
              : formatDuration(m.expectedDowntimeMinutes * 60_000, locale)}
          </dd>
          <dt>{tr('detail.scope')}</dt>
          <dd>
            <ul className="affected-list">
              {m.components.map((c) => (
                <li key={c.id}>
                  {c.name} — {tr(c.stops ? 'detail.stops' : 'detail.keepsRunning')}
                </li>
              ))}
            </ul>
          </dd>
          {m.actualStart && (
            <>
              <dt>{tr('detail.actualStart')}</dt>
              <dd>{when(m.actualStart)}</dd>
            </>
          )}
          {m.actualEnd && (
            <>
              <dt>{tr('detail.actualEnd')}</dt>
              <dd>{when(m.actualEnd)}</dd>
            </>
          )}
          {m.cancelledAt && (
            <>
              <dt>{tr('detail.cancelledAt')}</dt>
              <dd>{when(m.cancelledAt)}</dd>
            </>
          )}
          <dt>{tr('detail.announcedAt')}</dt>
          <dd>{when(m.announcedAt)}</dd>
        </dl>
        <section aria-labelledby="maintenance-message">
          <h2 id="maintenance-message">{tr('detail.message')}</h2>
          <p className="update-body">{m.body}</p>
        </section>
        {m.updates.length > 0 && (
          <section aria-labelledby="maintenance-updates">
            <h2 id="maintenance-updates">{tr('detail.updates')}</h2>
            <ol className="timeline">
              {m.updates.map((u) => (
                <li key={u.id} className="timeline-item">
                  <p className="update-head">
                    <span className={`pill maintenance-status-${u.status}`}>{common(`maintenanceStatus.${u.status}`)}</span>{' '}
                    <time dateTime={u.createdAt.toISOString()}>{when(u.createdAt)}</time>
                  </p>
                  <p className="update-body">{u.body}</p>
                </li>
              ))}
            </ol>
          </section>
        )}
        <p>
          <a href="/api/maintenance.ics" type="text/calendar">
            {tr('calendar.feed')}
          </a>
        </p>
      </article>
    </PublicShell>
  );
}
