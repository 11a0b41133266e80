import Link from 'next/link';
import { requireSession } from '@/lib/auth/current';
import { listAuditEntries } from '@/lib/services/audit/list';
import { resolvePage } from '@/lib/pages/context';
import { formatDateTime } from '@/lib/i18n/format';
import { requestLocale } from '@/lib/i18n/server';
import { t } from '@/lib/i18n/messages';

export const dynamic = 'force-dynamic';

const single = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) || undefined;

/** Every write with who, when, what, before and after. Filters are a plain GET form (works without JS). */
export default async function AuditPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { ctx } = await requireSession();
  const [locale, query, page] = await Promise.all([requestLocale(), searchParams, resolvePage(ctx.db)]);
  const result = await listAuditEntries({
    ctx,
    input: {
      entityType: single(query.entityType),
      action: single(query.action),
      actor: single(query.actor),
      entityId: single(query.entityId),
      page: single(query.page),
    },
  });
  const tr = t(locale, 'admin');
  const { filter } = result;
  const link = (pageNumber: number) => {
    const params = new URLSearchParams();
    for (const key of ['entityType', 'action', 'actor', 'entityId'] as const) if (filter[key]) params.set(key, filter[key]!);
    params.set('page', String(pageNumber));
    return `/admin/audit?${params}`;
  };
  return (
    <>
      <h1>{tr('nav.audit')}</h1>
      <form method="get" action="/admin/audit" className="filters panel" aria-label={tr('audit.filters')}>
        <div className="field">
          <label htmlFor="audit-entity">{tr('audit.entityType')}</label>
          <select id="audit-entity" name="entityType" defaultValue={filter.entityType ?? ''}>
            <option value="">{tr('audit.any')}</option>
            {result.entityTypes.map((v) => (
              <option key={v} value={v}>
                {v}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="audit-action">{tr('audit.action')}</label>
          <select id="audit-action" name="action" defaultValue={filter.action ?? ''}>
            <option value="">{tr('audit.any')}</option>
            {result.actions.map((v) => (
              <option key={v} value={v}>
                {v}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="audit-actor">{tr('audit.actor')}</label>
          <input id="audit-actor" name="actor" type="text" defaultValue={filter.actor ?? ''} />
        </div>
        <div className="field">
          <label htmlFor="audit-entity-id">{tr('audit.entityId')}</label>
          <input id="audit-entity-id" name="entityId" type="text" defaultValue={filter.entityId ?? ''} />
        </div>
        <button type="submit" className="button">
          {tr('audit.apply')}
        </button>
      </form>
      <p className="muted">{tr('audit.count', { total: result.total })}</p>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{tr('audit.when')}</th>
            <th scope="col">{tr('audit.actor')}</th>
            <th scope="col">{tr('audit.action')}</th>
            <th scope="col">{tr('audit.entity')}</th>
            <th scope="col">{tr('audit.before')}</th>
            <th scope="col">{tr('audit.after')}</th>
          </tr>
        </thead>
        <tbody>
          {result.entries.map((e) => (
            <tr key={e.id}>
              <td data-label={tr('audit.when')}>{formatDateTime(e.at, locale, page.timeZone)}</td>
              <td data-label={tr('audit.actor')}>{e.actorLabel}</td>
              <td data-label={tr('audit.action')}>{e.action}</td>
              <td data-label={tr('audit.entity')}>
                {e.entityType}
                {e.entityId && (
                  <>
                    {' '}
                    <Link href={`/admin/audit?entityId=${encodeURIComponent(e.entityId)}`} className="muted">
                      {e.entityId}
                    </Link>
                  </>
                )}
              </td>
              <td data-label={tr('audit.before')}>
                {e.before != null && (
                  <pre className="json" tabIndex={0}>
                    {JSON.stringify(e.before, null, 1)}
                  </pre>
                )}
              </td>
              <td data-label={tr('audit.after')}>
                {e.after != null && (
                  <pre className="json" tabIndex={0}>
                    {JSON.stringify(e.after, null, 1)}
                  </pre>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {result.pages > 1 && (
        <nav className="pager" aria-label={tr('pagination.label')}>
          {filter.page > 1 ? <Link href={link(filter.page - 1)}>{tr('pagination.newer')}</Link> : <span />}
          <span>{tr('pagination.position', { page: filter.page, pages: result.pages })}</span>
          {filter.page < result.pages ? <Link href={link(filter.page + 1)}>{tr('pagination.older')}</Link> : <span />}
        </nav>
      )}
    </>
  );
}
