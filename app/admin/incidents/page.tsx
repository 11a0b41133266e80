import Link from 'next/link';
import { requireSession } from '@/lib/auth/current';
import { WRITERS } from '@/lib/services/context';
import { listIncidents } from '@/lib/services/incidents/list';
import { listResolveProposals } from '@/lib/services/alerts/proposals';
import { resolvePage } from '@/lib/pages/context';
import { localized } from '@/lib/i18n/localized';
import { formatDateTime } from '@/lib/i18n/format';
import { requestLocale } from '@/lib/i18n/server';
import { t } from '@/lib/i18n/messages';
import { IncidentStatusPill, SeverityPill } from '../_ui/IncidentBadges';

export const dynamic = 'force-dynamic';

export default async function IncidentsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { user, ctx } = await requireSession();
  const [locale, query] = await Promise.all([requestLocale(), searchParams]);
  const state = query.state === 'resolved' ? 'resolved' : 'open';
  const pageNumber = Number(query.page) || 1;
  const [list, page, proposals] = await Promise.all([
    listIncidents({ ctx, input: { state, page: pageNumber } }),
    resolvePage(ctx.db),
    state === 'open' ? listResolveProposals(ctx.db) : Promise.resolve([]),
  ]);
  const tr = t(locale, 'admin');
  const tab = (value: 'open' | 'resolved') => (
    <Link href={`/admin/incidents?state=${value}`} aria-current={state === value ? 'page' : undefined} className="tab">
      {tr(`incidents.tabs.${value}`)}
    </Link>
  );
  return (
    <>
      <div className="page-head">
        <h1>{tr('nav.incidents')}</h1>
        {WRITERS.includes(user.role) && (
          <Link className="button" href="/admin/incidents/new">
            {tr('incidents.new')}
          </Link>
        )}
      </div>
      {query.saved === 'draft-deleted' && (
        <p className="form-message form-message-ok" role="status">
          {t(locale, 'firstday')('deleteDraft.done')}
        </p>
      )}
      {proposals.length > 0 && (
        <section className="panel" aria-labelledby="resolve-proposals">
          <h2 id="resolve-proposals">{tr('incidents.proposals.title')}</h2>
          <p className="muted">{tr('incidents.proposals.hint')}</p>
          <ul>
            {proposals.map((p) => (
              <li key={p.incidentId}>
                <Link href={`/admin/incidents/${p.incidentId}`}>{p.title}</Link>
              </li>
            ))}
          </ul>
        </section>
      )}
      <nav aria-label={tr('incidents.tabs.label')} className="tabs">
        {tab('open')}
        {tab('resolved')}
      </nav>
      <section className="panel" aria-label={tr(`incidents.tabs.${state}`)}>
        {list.items.length === 0 ? (
          <p className="muted">{tr(`incidents.none.${state}`)}</p>
        ) : (
          <ul className="rows">
            {list.items.map((i) => (
              <li key={i.id} className="row">
                <Link href={`/admin/incidents/${i.id}`} className="row-title">
                  {localized(locale, i.title, i.titleEn)}
                </Link>
                <div className="row-meta">
                  <IncidentStatusPill status={i.status} locale={locale} />
                  <SeverityPill severity={i.severity} locale={locale} />
                  {i.withdrawn ? (
                    <span className="pill pill-draft">{t(locale, 'firstday')('withdraw.badge')}</span>
                  ) : (
                    !i.published && <span className="pill pill-draft">{tr('incidents.draft')}</span>
                  )}
                  {i.slaExcluded && <span className="pill">{tr('incidents.slaExcludedBadge')}</span>}
                  <span>{tr('incidents.startedAt', { time: formatDateTime(i.startedAt, locale, page.timeZone) })}</span>
                  {i.resolvedAt && (
                    <span>{tr('incidents.resolvedAt', { time: formatDateTime(i.resolvedAt, locale, page.timeZone) })}</span>
                  )}
                </div>
                {i.components.length > 0 && (
                  <p className="row-sub">{i.components.map((c) => localized(locale, c.name, c.nameEn)).join('、')}</p>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
      {list.pages > 1 && (
        <nav className="pager" aria-label={tr('pagination.label')}>
          {list.page > 1 ? (
            <Link href={`/admin/incidents?state=${state}&page=${list.page - 1}`}>{tr('pagination.newer')}</Link>
          ) : (
            <span />
          )}
          <span>{tr('pagination.position', { page: list.page, pages: list.pages })}</span>
          {list.page < list.pages ? (
            <Link href={`/admin/incidents?state=${state}&page=${list.page + 1}`}>{tr('pagination.older')}</Link>
          ) : (
            <span />
          )}
        </nav>
      )}
    </>
  );
}
