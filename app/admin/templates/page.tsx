import Link from 'next/link';
import { requireSession } from '@/lib/auth/current';
import { WRITERS } from '@/lib/services/context';
import { listTemplates } from '@/lib/services/templates/list';
import { requestLocale } from '@/lib/i18n/server';
import { t } from '@/lib/i18n/messages';
import { ActionForm, SubmitButton } from '../_ui/forms';
import { TemplateFields } from './TemplateFields';
import { createTemplateAction } from './actions';

export const dynamic = 'force-dynamic';

export default async function TemplatesPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { user, ctx } = await requireSession();
  const [locale, query, templates] = await Promise.all([requestLocale(), searchParams, listTemplates({ ctx })]);
  const tr = t(locale, 'admin');
  const common = t(locale, 'common');
  const canWrite = WRITERS.includes(user.role);
  return (
    <>
      <h1>{tr('nav.templates')}</h1>
      <p className="muted">{tr('templates.intro')}</p>
      {query.deleted !== undefined && (
        <p className="form-message form-message-ok" role="status">
          {tr('templates.saved.deleted')}
        </p>
      )}
      <div className="columns">
        <section className="panel" aria-labelledby="template-list">
          <h2 id="template-list">{tr('templates.list')}</h2>
          {templates.length === 0 ? (
            <p className="muted">{tr('templates.none')}</p>
          ) : (
            <ul className="rows">
              {templates.map((tpl) => (
                <li key={tpl.id} className="row">
                  <span className="row-title">{tpl.name}</span>
                  <div className="row-meta">
                    <span>{common(`severity.${tpl.severity}`)}</span>
                    <span>{common(`incidentStatus.${tpl.status}`)}</span>
                  </div>
                  <p className="row-sub">{tpl.title}</p>
                  {canWrite && (
                    <div className="row-actions">
                      <Link href={`/admin/incidents/new?template=${tpl.id}`}>{tr('templates.use')}</Link>
                      <Link href={`/admin/templates/${tpl.id}`}>
                        {tr('components.edit')}
                        <span className="visually-hidden">: {tpl.name}</span>
                      </Link>
                    </div>
                  )}
                </li>
              ))}
            </ul>
          )}
        </section>
        {canWrite && (
          <section className="panel" aria-labelledby="new-template">
            <h2 id="new-template">{tr('templates.new')}</h2>
            <ActionForm action={createTemplateAction}>
              <TemplateFields locale={locale} />
              <SubmitButton>{tr('templates.create')}</SubmitButton>
            </ActionForm>
          </section>
        )}
      </div>
    </>
  );
}
