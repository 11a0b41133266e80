import Link from 'next/link';
import { requireSession } from '@/lib/auth/current';
import { WRITERS } from '@/lib/services/context';
import { describePlanCheck } from '@/lib/maintenance/describe-check';
import { formatDateTime } from '@/lib/i18n/format';
import { requestLocale } from '@/lib/i18n/server';
import { t } from '@/lib/i18n/messages';
import { localized } from '@/lib/i18n/localized';
import { FactPills } from '../_ui/FactPills';
import { CheckList } from '../_ui/CheckList';
import { MaintenanceActions } from './MaintenanceActions';
import { loadMaintenanceOr404 } from './load';

export const dynamic = 'force-dynamic';

const SAVED = new Set(['scheduled', 'edited', 'unchanged', 'cancelled', 'posted', 'started', 'completed']);

export default async function MaintenanceAdminPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { user, ctx } = await requireSession();
  const [{ id }, query, locale] = await Promise.all([params, searchParams, requestLocale()]);
  const m = await loadMaintenanceOr404(ctx, id);
  const tr = t(locale, 'maintenance');
  const common = t(locale, 'common');
  const admin = t(locale, 'admin');
  const when = (d: Date) => formatDateTime(d, locale, m.timeZone);
  const saved = typeof query.saved === 'string' && SAVED.has(query.saved) ? query.saved : null;
  const sections = m.check ? describePlanCheck(m.check, locale) : [];
  return (
    <>
      <p className="breadcrumb">
        <Link href="/admin/maintenance">← {tr('admin.title')}</Link>
      </p>
      <div className="page-head">
        <h1>{localized(locale, m.title, m.titleEn)}</h1>
        <Link href={`/maintenance/${m.id}`}>{tr('admin.viewPublic')}</Link>
      </div>
      {saved && (
        <p className="form-message form-message-ok" role="status">
          {tr(`admin.saved.${saved}`)}
        </p>
      )}
      <p className="row-meta">
        <span className={`pill maintenance-status-${m.status}`}>{common(`maintenanceStatus.${m.status}`)}</span>
        <FactPills item={m} locale={locale} />
        <span>{tr('admin.sequence', { n: m.sequence })}</span>
      </p>
      {m.overrunning && (
        <p className="form-message form-message-error" role="alert">
          {tr('admin.overrunning', { end: when(m.scheduledEnd) })}
        </p>
      )}
      <div className="columns">
        <div>
          <section className="panel" aria-labelledby="m-details">
            <h2 id="m-details">{tr('admin.details')}</h2>
            <dl className="detail-grid">
              <dt>{tr('detail.window')}</dt>
              <dd>
                {when(m.scheduledStart)} – {when(m.scheduledEnd)}
              </dd>
              <dt>{tr('detail.expectedDowntime')}</dt>
              <dd>{tr('admin.minutes', { n: m.expectedDowntimeMinutes })}</dd>
              <dt>{tr('detail.scope')}</dt>
              <dd>{m.components.map((c) => localized(locale, c.name, c.nameEn)).join(locale === 'ja' ? '、' : ', ')}</dd>
              <dt>{tr('detail.announcedAt')}</dt>
              <dd>{when(m.announcedAt)}</dd>
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
              <dt>{tr('admin.ending')}</dt>
              <dd>{tr(m.autoComplete ? 'admin.autoComplete' : 'admin.manualComplete')}</dd>
              {m.overrunAlertedAt && (
                <>
                  <dt>{tr('admin.overrunAlerted')}</dt>
                  <dd>{when(m.overrunAlertedAt)}</dd>
                </>
              )}
            </dl>
          </section>
          {sections.length > 0 && (
            <section className="panel" aria-labelledby="m-checks">
              <h2 id="m-checks">{tr('check.title')}</h2>
              <CheckList sections={sections} />
            </section>
          )}
          <section className="panel" aria-labelledby="m-message">
            <h2 id="m-message">{tr('detail.message')}</h2>
            <p className="plain-text" lang="ja">
              {m.body}
            </p>
            {m.bodyEn && (
              <p className="plain-text" lang="en">
                {m.bodyEn}
              </p>
            )}
          </section>
          <section className="panel" aria-labelledby="m-updates">
            <h2 id="m-updates">{tr('detail.updates')}</h2>
            {m.updates.length === 0 ? (
              <p className="muted">{tr('admin.noUpdates')}</p>
            ) : (
              <ol className="timeline-admin">
                {m.updates.map((u) => (
                  <li key={u.id}>
                    <p className="row-meta">
                      <span className={`pill maintenance-status-${u.status}`}>{common(`maintenanceStatus.${u.status}`)}</span>
                      <span>{when(u.createdAt)}</span>
                      <span>{u.author ?? tr('admin.system')}</span>
                    </p>
                    <p className="plain-text">{localized(locale, u.body, u.bodyEn)}</p>
                  </li>
                ))}
              </ol>
            )}
          </section>
          <section className="panel" aria-labelledby="m-notices">
            <h2 id="m-notices">{tr('admin.notices')}</h2>
            {m.notices.length === 0 ? (
              <p className="muted">{tr('admin.noNotices')}</p>
            ) : (
              <ul className="rows">
                {m.notices.map((n) => (
                  <li key={`${n.type}-${n.createdAt.toISOString()}`} className="row">
                    <span className="row-title">{admin(`noticeTypes.${n.type}`)}</span>
                    <div className="row-meta">
                      <span>{when(n.createdAt)}</span>
                      <span>{tr('admin.noticeCounts', { sent: n.sent, total: n.recipients })}</span>
                    </div>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </div>
        <div>
          {WRITERS.includes(user.role) ? (
            <MaintenanceActions m={m} locale={locale} />
          ) : (
            <p className="muted">{admin('readOnly')}</p>
          )}
        </div>
      </div>
    </>
  );
}
