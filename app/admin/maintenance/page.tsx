import Link from 'next/link';
import { requireSession } from '@/lib/auth/current';
import { WRITERS } from '@/lib/services/context';
import { listMaintenances } from '@/lib/services/maintenances/list';
import { formatDateTime } from '@/lib/i18n/format';
import { requestLocale } from '@/lib/i18n/server';
import { t } from '@/lib/i18n/messages';
import { localized } from '@/lib/i18n/localized';
import { FactPills } from './_ui/FactPills';

export const dynamic = 'force-dynamic';

export default async function MaintenanceListPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { user, ctx } = await requireSession();
  const [locale, query] = await Promise.all([requestLocale(), searchParams]);
  const state = query.state === 'past' ? 'past' : 'current';
  const pageNumber = Number(typeof query.page === 'string' ? query.page : 1) || 1;
  const list = await listMaintenances({ ctx, input: { state, page: pageNumber } });
  const tr = t(locale, 'maintenance');
  const common = t(locale, 'common');
  const tz = list.timeZone;
  const href = (s: string, p = 1) => `/admin/maintenance?state=${s}${p > 1 ? `&page=${p}` : ''}`;
  return (
    <>
      <div className="page-head">
        <h1>{tr('admin.title')}</h1>
        {WRITERS.includes(user.role) && (
          <Link className="button" href="/admin/maintenance/new">
            {tr('admin.new')}
          </Link>
        )}
      </div>
      <nav aria-label={tr('admin.listTabs')}>
        <ul className="tabs">
          {(['current', 'past'] as const).map((s) => (
            <li key={s}>
              <Link href={href(s)} aria-current={state === s ? 'page' : undefined}>
                {tr(`admin.tab.${s}`)}
              </Link>
            </li>
          ))}
          <li>
            <Link href="/maintenance">{tr('admin.publicCalendar')}</Link>
          </li>
        </ul>
      </nav>
      <section className="panel" aria-label={tr(`admin.tab.${state}`)}>
        {list.items.length === 0 ? (
          <p className="muted">{tr(`admin.empty.${state}`)}</p>
        ) : (
          <ul className="rows">
            {list.items.map((m) => (
              <li key={m.id} className="row">
                <Link href={`/admin/maintenance/${m.id}`} className="row-title">
                  {localized(locale, m.title, m.titleEn)}
                </Link>
                <div className="row-meta">
                  <span className={`pill maintenance-status-${m.status}`}>{common(`maintenanceStatus.${m.status}`)}</span>
                  <span>
                    {formatDateTime(m.scheduledStart, locale, tz)} – {formatDateTime(m.scheduledEnd, locale, tz)}
                  </span>
                  <FactPills item={m} locale={locale} />
                </div>
                <p className="row-sub">
                  {m.components.map((c) => localized(locale, c.name, c.nameEn)).join(locale === 'ja' ? '、' : ', ')}
                </p>
              </li>
            ))}
          </ul>
        )}
        {list.pages > 1 && (
          <nav className="pager" aria-label={tr('admin.pager')}>
            {list.page > 1 ? <Link href={href(state, list.page - 1)}>← {tr('admin.prevPage')}</Link> : <span />}
            <span className="muted">{tr('admin.pageOf', { page: list.page, pages: list.pages })}</span>
            {list.page < list.pages ? <Link href={href(state, list.page + 1)}>{tr('admin.nextPage')} →</Link> : <span />}
          </nav>
        )}
      </section>
    </>
  );
}
