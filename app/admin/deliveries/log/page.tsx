import Link from 'next/link';
import { requireSession } from '@/lib/auth/current';
import { formatDateTime } from '@/lib/i18n/format';
import { t } from '@/lib/i18n/messages';
import { requestLocale } from '@/lib/i18n/server';
import { listDeliveries, type DeliveryLogFilter } from '@/lib/services/deliveries/delivery-log';
import { resolvePage } from '@/lib/pages/context';
import { WRITERS } from '@/lib/services/context';
import { DeadLetters } from '../_ui/DeadLetters';
import { LiveRefresh } from '../_ui/LiveRefresh';
import '../deliveries.css';

export const dynamic = 'force-dynamic';

const PAGE_SIZE = 200;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
type Query = Record<string, string | string[] | undefined>;

function filterOf(query: Query): { filter: DeliveryLogFilter; heading: 'forIncident' | 'forSubscriber' | 'forMessage' | 'dead' } {
  const id = (key: string) => (typeof query[key] === 'string' && UUID.test(query[key]) ? query[key] : null);
  if (id('incident')) return { filter: { incidentId: id('incident')! }, heading: 'forIncident' };
  if (id('subscriber')) return { filter: { subscriberId: id('subscriber')! }, heading: 'forSubscriber' };
  if (id('message')) return { filter: { messageId: id('message')! }, heading: 'forMessage' };
  return { filter: { status: 'dead' }, heading: 'dead' };
}

/** Every delivery of one incident, subscriber or notice (or every dead one): the proof of who was told when. */
export default async function DeliveryLogPage({ searchParams }: { searchParams: Promise<Query> }) {
  const { user, ctx } = await requireSession();
  const [locale, query] = await Promise.all([requestLocale(), searchParams]);
  const { filter, heading } = filterOf(query);
  const pageIndex = Math.max(0, Math.min(10_000, Number(query.page) || 0));
  const [page, rows] = await Promise.all([
    resolvePage(ctx.db),
    listDeliveries(ctx, filter, { locale, limit: PAGE_SIZE, offset: pageIndex * PAGE_SIZE }),
  ]);
  const tr = t(locale, 'notify');
  const admin = t(locale, 'admin');
  const time = (d: Date) => formatDateTime(d, locale, page.timeZone);
  const next = new URLSearchParams(
    Object.entries(query).flatMap(([k, v]) => (typeof v === 'string' && k !== 'page' ? [[k, v]] : [])),
  );
  next.set('page', String(pageIndex + 1));
  return (
    <>
      <p className="breadcrumb">
        <Link href="/admin/deliveries">{tr('console.log.back')}</Link>
      </p>
      <h1>
        {heading === 'forIncident'
          ? tr('console.log.forIncident', { title: rows[0]?.title ?? '' })
          : tr(`console.log.${heading}`)}
      </h1>
      <LiveRefresh label={tr('console.live')} />
      <section className="panel">
        {rows.length === 0 ? (
          <p className="muted">{tr('console.log.none')}</p>
        ) : heading === 'dead' ? (
          <DeadLetters rows={rows} locale={locale} canResend={WRITERS.includes(user.role)} />
        ) : (
          <div className="table-wrap">
            <table className="log-table">
              <thead>
                <tr>
                  <th scope="col">{tr('console.log.message')}</th>
                  <th scope="col">{tr('console.log.recipient')}</th>
                  <th scope="col">{tr('console.log.status')}</th>
                  <th scope="col">{tr('console.log.attempts')}</th>
                  <th scope="col">{tr('console.log.queued')}</th>
                  <th scope="col">{tr('console.log.sent')}</th>
                  <th scope="col">{tr('console.log.provider')}</th>
                  <th scope="col">{tr('console.log.error')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.id}>
                    <td>
                      {admin(`noticeTypes.${r.type}`)}
                      {r.title && `「${r.title}」`}
                    </td>
                    <td>
                      {tr(`console.channel.${r.channel}`)}{' '}
                      {r.subscriberId ? (
                        <Link href={`/admin/deliveries/log?subscriber=${r.subscriberId}`}>{r.recipient}</Link>
                      ) : (
                        '—'
                      )}
                    </td>
                    <td>
                      {tr(`console.status.${r.status}`)}
                      {r.status === 'failed' && (
                        <div className="muted">{tr('console.log.nextAttempt', { time: time(r.nextAttemptAt) })}</div>
                      )}
                    </td>
                    <td>{r.attempts}</td>
                    <td>{time(r.queuedAt)}</td>
                    <td>{r.sentAt ? time(r.sentAt) : '—'}</td>
                    <td className="mono">{r.providerMessageId ?? '—'}</td>
                    <td className="error-text">{r.lastError ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {rows.length === PAGE_SIZE && (
          <p>
            <Link href={`/admin/deliveries/log?${next.toString()}`}>{tr('console.log.more')}</Link>
          </p>
        )}
      </section>
    </>
  );
}
