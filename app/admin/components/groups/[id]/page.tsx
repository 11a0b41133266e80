import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requireSession } from '@/lib/auth/current';
import { WRITERS } from '@/lib/services/context';
import { listConsoleComponents } from '@/lib/services/components/list';
import { localized } from '@/lib/i18n/localized';
import { requestLocale } from '@/lib/i18n/server';
import { t } from '@/lib/i18n/messages';
import { ActionForm, CheckboxField, SubmitButton } from '../../../_ui/forms';
import { GroupFields } from '../../ComponentFields';
import { deleteGroupAction, editGroupAction } from '../../actions';

export const dynamic = 'force-dynamic';

export default async function EditGroupPage({ params }: { params: Promise<{ id: string }> }) {
  const { ctx } = await requireSession(WRITERS);
  const [locale, { id }, catalogue] = await Promise.all([requestLocale(), params, listConsoleComponents({ ctx })]);
  const group = catalogue.groups.find((g) => g.id === id);
  if (!group?.id) notFound();
  const tr = t(locale, 'admin');
  const name = localized(locale, group.name!, group.nameEn);
  return (
    <>
      <p className="breadcrumb">
        <Link href="/admin/components">{tr('nav.components')}</Link>
      </p>
      <h1>{tr('components.editGroupTitle', { name })}</h1>
      <div className="columns">
        <section className="panel" aria-labelledby="edit-group">
          <h2 id="edit-group">{tr('components.editGroup')}</h2>
          <ActionForm action={editGroupAction}>
            <input type="hidden" name="id" value={group.id} />
            <GroupFields
              locale={locale}
              services={catalogue.services.map((s) => ({ id: s.id, label: localized(locale, s.name, s.nameEn) }))}
              group={group}
            />
            <SubmitButton>{tr('save')}</SubmitButton>
          </ActionForm>
        </section>
        <section className="panel panel-danger" aria-labelledby="delete-group">
          <h2 id="delete-group">{tr('components.deleteGroup')}</h2>
          <p>{tr('components.deleteGroupExplain', { count: group.components.length })}</p>
          <ActionForm action={deleteGroupAction}>
            <input type="hidden" name="id" value={group.id} />
            <CheckboxField name="confirm" label={tr('components.deleteGroupConfirm', { name })} />
            <SubmitButton className="button button-danger">{tr('components.deleteGroupButton')}</SubmitButton>
          </ActionForm>
        </section>
      </div>
    </>
  );
}
