import Link from 'next/link';
import { requireSession } from '@/lib/auth/current';
import { CHANNELS } from '@/lib/domain/statuses';
import { formatDateTime } from '@/lib/i18n/format';
import { t } from '@/lib/i18n/messages';
import { requestLocale } from '@/lib/i18n/server';
import { resolvePage } from '@/lib/pages/context';
import { ADMINS, WRITERS } from '@/lib/services/context';
import { listSubscribers, SUBSCRIBER_STATES } from '@/lib/services/subscribers/list';
import { ActionForm, SubmitButton } from '../_ui/forms';
import { removeSubscriberAction } from './actions';
import '../deliveries/deliveries.css';

export const dynamic = 'force-dynamic';

const PAGE_SIZE = 50;
type Query = Record<string, string | string[] | undefined>;

export default async function SubscribersPage({ searchParams }: { searchParams: Promise<Query> }) {
  const { user, ctx } = await requireSession(WRITERS);
  const [locale, query] = await Promise.all([requestLocale(), searchParams]);
  const text = (key: string) => (typeof query[key] === 'string' ? query[key] : undefined);
  const pageIndex = Math.max(0, Math.min(100_000, Number(text('page')) || 0));
  const [page, list] = await Promise.all([
    resolvePage(ctx.db),
    listSubscribers({
      ctx,
      input: { q: text('q'), channel: text('channel'), state: text('state') },
      locale,
      page: pageIndex,
      pageSize: PAGE_SIZE,
    }),
  ]);
  const tr = t(locale, 'notify');
  const canRemove = ADMINS.includes(user.role);
  const filters = new URLSearchParams(Object.entries(list.query).flatMap(([k, v]) => (v ? [[k, String(v)]] : [])));
  const pageLink = (index: number) =>
    `/admin/subscribers?${new URLSearchParams([...filters, ['page', String(index)]]).toString()}`;
  return (
    <>
      <div className="page-head">
        <h1>{tr('console.subscribers.title')}</h1>
        <a className="button button-secondary" href={`/admin/subscribers/export?${filters.toString()}`} download>
          {tr('console.subscribers.export')}
        </a>
      </div>

      <form className="panel form-inline filters" method="get" role="search" aria-label={tr('console.subscribers.filter')}>
        <div className="field">
          <label htmlFor="q">{tr('console.subscribers.search')}</label>
          <input id="q" name="q" type="text" defaultValue={list.query.q} maxLength={200} />
        </div>
        <div className="field">
          <label htmlFor="channel">{tr('console.subscribers.channel')}</label>
          <select id="channel" name="channel" defaultValue={list.query.channel ?? ''}>
            <option value="">{tr('console.subscribers.any')}</option>
            {CHANNELS.map((c) => (
              <option key={c} value={c}>
                {tr(`console.channel.${c}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="state">{tr('console.subscribers.state')}</label>
          <select id="state" name="state" defaultValue={list.query.state ?? ''}>
            <option value="">{tr('console.subscribers.any')}</option>
            {SUBSCRIBER_STATES.map((s) => (
              <option key={s} value={s}>
                {tr(`console.subscribers.stateLabel.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button">
          {tr('console.subscribers.filter')}
        </button>
      </form>

      <section className="panel" aria-label={tr('console.subscribers.title')}>
        <p className="muted">{tr('console.subscribers.total', { total: list.total })}</p>
        {!canRemove && <p className="muted">{tr('console.subscribers.adminOnly')}</p>}
        {list.rows.length === 0 ? (
          <p className="muted">{tr('console.subscribers.none')}</p>
        ) : (
          <ul className="rows">
            {list.rows.map((s) => (
              <li key={s.id} className="row">
                <div className="page-head">
                  <span className="row-title">
                    {tr(`console.channel.${s.channel}`)} {s.address}
                  </span>
                  <span className="pill">{tr(`console.subscribers.stateLabel.${s.state}`)}</span>
                </div>
                <div className="row-meta">
                  <span>{s.components === null ? tr('console.subscribers.allComponents') : s.components.join('、')}</span>
                  <span>{s.locale.toUpperCase()}</span>
                  <span>{tr('console.subscribers.since', { time: formatDateTime(s.createdAt, locale, page.timeZone) })}</span>
                  {s.disabledReason && <span className="error-text">{s.disabledReason}</span>}
                </div>
                <div className="row-actions">
                  <Link href={`/admin/deliveries/log?subscriber=${s.id}`}>{tr('console.subscribers.log')}</Link>
                  {canRemove && (
                    <details>
                      <summary>{tr('console.subscribers.remove')}</summary>
                      <ActionForm
                        action={removeSubscriberAction}
                        aria-label={`${tr('console.subscribers.remove')}: ${s.address}`}
                      >
                        <p className="field-hint">{tr('console.subscribers.removeHint')}</p>
                        <input type="hidden" name="id" value={s.id} />
                        <div>
                          <SubmitButton className="button button-danger button-small">
                            {tr('console.subscribers.remove')}
                          </SubmitButton>
                        </div>
                      </ActionForm>
                    </details>
                  )}
                </div>
              </li>
            ))}
          </ul>
        )}
        <nav className="pager" aria-label={tr('console.subscribers.title')}>
          {pageIndex > 0 ? <Link href={pageLink(pageIndex - 1)}>{tr('console.subscribers.prev')}</Link> : <span />}
          {(pageIndex + 1) * PAGE_SIZE < list.total && (
            <Link href={pageLink(pageIndex + 1)}>{tr('console.subscribers.next')}</Link>
          )}
        </nav>
      </section>
    </>
  );
}
