import Link from 'next/link';
import { requireSession } from '@/lib/auth/current';
import { formatDateTime } from '@/lib/i18n/format';
import { t } from '@/lib/i18n/messages';
import { requestLocale } from '@/lib/i18n/server';
import { listDeliveries } from '@/lib/services/deliveries/delivery-log';
import { FIRST_NOTICE_TARGET_MINUTES, listFirstNotices } from '@/lib/services/deliveries/first-notice';
import { listMessageProgress } from '@/lib/services/deliveries/progress';
import { resolvePage } from '@/lib/pages/context';
import { WRITERS } from '@/lib/services/context';
import { DeadLetters } from './_ui/DeadLetters';
import { LiveRefresh } from './_ui/LiveRefresh';
import { ProgressBar } from './_ui/ProgressBar';
import './deliveries.css';

export const dynamic = 'force-dynamic';

const DAY = 24 * 60 * 60 * 1000;

export default async function DeliveriesPage() {
  const { user, ctx } = await requireSession();
  const locale = await requestLocale();
  const [page, messages, notices, dead] = await Promise.all([
    resolvePage(ctx.db),
    listMessageProgress(ctx, { locale, since: new Date(Date.now() - 30 * DAY) }),
    listFirstNotices(ctx, { locale }),
    listDeliveries(ctx, { status: 'dead' }, { locale, limit: 50 }),
  ]);
  const tr = t(locale, 'notify');
  const admin = t(locale, 'admin');
  const time = (d: Date) => formatDateTime(d, locale, page.timeZone);
  const minutes = (m: number) => tr('console.firstNotice.minutes', { minutes: Math.round(m * 10) / 10 });
  return (
    <>
      <h1>{admin('nav.deliveries')}</h1>
      <LiveRefresh label={tr('console.live')} />

      <section className="panel" aria-labelledby="per-message">
        <h2 id="per-message">{tr('console.progress.heading')}</h2>
        <ul className="legend" aria-hidden="true">
          {(['sent', 'queued', 'failed', 'dead'] as const).map((s) => (
            <li key={s}>
              <span className={`progress-${s}`} />
              {tr(`console.status.${s}`)}
            </li>
          ))}
        </ul>
        {messages.length === 0 ? (
          <p className="muted">{tr('console.progress.none')}</p>
        ) : (
          <ul className="rows">
            {messages.map((m) => (
              <li key={m.messageId} className="row">
                <div className="page-head">
                  <span className="row-title">
                    {admin(`noticeTypes.${m.type}`)}
                    {m.title && `「${m.title}」`}
                  </span>
                  <Link href={`/admin/deliveries/log?message=${m.messageId}`}>{tr('console.progress.log')}</Link>
                </div>
                <div className="row-meta">{tr('console.progress.created', { time: time(m.createdAt) })}</div>
                {m.fanningOut && (
                  <p className="row-sub" role="status">
                    {tr('console.progress.fanningOut', { count: m.channels.reduce((sum, c) => sum + c.total, 0) })}
                  </p>
                )}
                {m.channels.length === 0 && !m.fanningOut ? (
                  <p className="row-sub">{tr('console.progress.noRecipients')}</p>
                ) : (
                  <div className="channel-progress">
                    {m.channels.map((c) => {
                      const label = tr('console.progress.bar', {
                        channel: tr(`console.channel.${c.channel}`),
                        sent: c.counts.sent ?? 0,
                        queued: c.counts.queued ?? 0,
                        failed: c.counts.failed ?? 0,
                        dead: c.counts.dead ?? 0,
                        total: c.total,
                      });
                      return (
                        <div key={c.channel} className="channel-line">
                          <span className="channel-name">{tr(`console.channel.${c.channel}`)}</span>
                          <ProgressBar counts={c.counts} total={c.total} label={label} />
                          <span className="channel-counts">
                            {c.counts.sent ?? 0}/{c.total}
                            {(c.counts.dead ?? 0) > 0 && ` · ${tr('console.status.dead')} ${c.counts.dead}`}
                          </span>
                        </div>
                      );
                    })}
                  </div>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="panel" aria-labelledby="first-notice">
        <h2 id="first-notice">{tr('console.firstNotice.heading')}</h2>
        <p className="muted">{tr('console.firstNotice.target', { minutes: FIRST_NOTICE_TARGET_MINUTES })}</p>
        {notices.length === 0 ? (
          <p className="muted">{tr('console.firstNotice.none')}</p>
        ) : (
          <div className="table-wrap">
            <table className="log-table">
              <thead>
                <tr>
                  <th scope="col">{tr('console.firstNotice.incident')}</th>
                  <th scope="col">{tr('console.firstNotice.detected')}</th>
                  <th scope="col">{tr('console.firstNotice.firstSent')}</th>
                  <th scope="col">{tr('console.firstNotice.elapsed')}</th>
                </tr>
              </thead>
              <tbody>
                {notices.map((n) => (
                  <tr key={n.incidentId}>
                    <td>
                      <Link href={`/admin/deliveries/log?incident=${n.incidentId}`}>{n.title}</Link>
                    </td>
                    <td>{time(n.detectedAt)}</td>
                    <td>{n.firstSentAt ? time(n.firstSentAt) : tr('console.firstNotice.notYet')}</td>
                    <td>
                      {n.minutes !== null && `${minutes(n.minutes)} `}
                      <span className={`verdict-${n.verdict}`}>{tr(`console.firstNotice.verdict.${n.verdict}`)}</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="panel" aria-labelledby="dead-letters">
        <div className="page-head">
          <h2 id="dead-letters">{tr('console.dead.heading')}</h2>
          {dead.length > 0 && <Link href="/admin/deliveries/log?status=dead">{tr('console.dead.all')}</Link>}
        </div>
        {dead.length === 0 ? (
          <p className="muted">{tr('console.dead.none')}</p>
        ) : (
          <DeadLetters rows={dead} locale={locale} canResend={WRITERS.includes(user.role)} />
        )}
      </section>
    </>
  );
}
