import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requireSession } from '@/lib/auth/current';
import { WRITERS } from '@/lib/services/context';
import { listTemplates } from '@/lib/services/templates/list';
import { requestLocale } from '@/lib/i18n/server';
import { t } from '@/lib/i18n/messages';
import { ActionForm, SubmitButton } from '../../_ui/forms';
import { TemplateFields } from '../TemplateFields';
import { deleteTemplateAction, editTemplateAction } from '../actions';

export const dynamic = 'force-dynamic';

export default async function EditTemplatePage({ params }: { params: Promise<{ id: string }> }) {
  const { ctx } = await requireSession(WRITERS);
  const [locale, { id }, templates] = await Promise.all([requestLocale(), params, listTemplates({ ctx })]);
  const template = templates.find((tpl) => tpl.id === id);
  if (!template) notFound();
  const tr = t(locale, 'admin');
  return (
    <>
      <p className="breadcrumb">
        <Link href="/admin/templates">{tr('nav.templates')}</Link>
      </p>
      <h1>{tr('templates.editTitle', { name: template.name })}</h1>
      <div className="columns">
        <section className="panel" aria-label={tr('templates.editTitle', { name: template.name })}>
          <ActionForm action={editTemplateAction}>
            <input type="hidden" name="id" value={template.id} />
            <TemplateFields locale={locale} template={template} />
            <SubmitButton>{tr('save')}</SubmitButton>
          </ActionForm>
        </section>
        <section className="panel panel-danger" aria-labelledby="delete-template">
          <h2 id="delete-template">{tr('templates.delete')}</h2>
          <ActionForm action={deleteTemplateAction}>
            <input type="hidden" name="id" value={template.id} />
            <SubmitButton className="button button-danger">{tr('templates.deleteButton')}</SubmitButton>
          </ActionForm>
        </section>
      </div>
    </>
  );
}
