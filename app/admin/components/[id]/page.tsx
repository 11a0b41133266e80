import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requireSession } from '@/lib/auth/current';
import { WRITERS } from '@/lib/services/context';
import { listConsoleComponents } from '@/lib/services/components/list';
import { listConsoleServices } from '@/lib/services/services/list';
import { localized } from '@/lib/i18n/localized';
import { requestLocale } from '@/lib/i18n/server';
import { t } from '@/lib/i18n/messages';
import { ActionForm, SubmitButton, TextField } from '../../_ui/forms';
import { ComponentFields } from '../ComponentFields';
import { deleteComponentAction, editComponentAction } from '../actions';

export const dynamic = 'force-dynamic';

export default async function EditComponentPage({ params }: { params: Promise<{ id: string }> }) {
  const { ctx } = await requireSession(WRITERS);
  const [locale, { id }, catalogue, serviceList] = await Promise.all([
    requestLocale(),
    params,
    listConsoleComponents({ ctx }),
    listConsoleServices({ ctx }),
  ]);
  const component = catalogue.groups.flatMap((g) => g.components).find((c) => c.id === id);
  if (!component) notFound();
  const tr = t(locale, 'admin');
  const groups = catalogue.groups.flatMap((g) => (g.id ? [{ id: g.id, label: localized(locale, g.name!, g.nameEn) }] : []));
  return (
    <>
      <p className="breadcrumb">
        <Link href="/admin/components">{tr('nav.components')}</Link>
      </p>
      <h1>{tr('components.editTitle', { name: component.name })}</h1>
      <div className="columns">
        <section className="panel" aria-labelledby="edit-component">
          <h2 id="edit-component">{tr('components.edit')}</h2>
          <ActionForm action={editComponentAction}>
            <input type="hidden" name="id" value={component.id} />
            <ComponentFields locale={locale} groups={groups} services={serviceList} component={component} />
            <SubmitButton>{tr('save')}</SubmitButton>
          </ActionForm>
        </section>
        <section className="panel panel-danger" aria-labelledby="delete-component">
          <h2 id="delete-component">{tr('components.delete')}</h2>
          <p>{tr('components.deleteExplain')}</p>
          <ActionForm action={deleteComponentAction}>
            <input type="hidden" name="id" value={component.id} />
            <TextField
              name="confirmName"
              label={tr('components.confirmName', { name: component.name })}
              required
              autoComplete="off"
            />
            <SubmitButton className="button button-danger">{tr('components.deleteButton')}</SubmitButton>
          </ActionForm>
        </section>
      </div>
    </>
  );
}
