import Link from 'next/link';
import { requireSession } from '@/lib/auth/current';
import { COMPONENT_STATUSES } from '@/lib/domain/statuses';
import { WRITERS } from '@/lib/services/context';
import { listConsoleComponents } from '@/lib/services/components/list';
import { listConsoleServices } from '@/lib/services/services/list';
import { localized } from '@/lib/i18n/localized';
import { requestLocale } from '@/lib/i18n/server';
import { t } from '@/lib/i18n/messages';
import { StatusLabel } from '@/app/_ui/StatusLabel';
import { ActionForm, SelectField, SubmitButton } from '../_ui/forms';
import { ComponentFields, GroupFields } from './ComponentFields';
import {
  createComponentAction,
  createGroupAction,
  reorderComponentAction,
  reorderGroupAction,
  setComponentStatusAction,
} from './actions';

export const dynamic = 'force-dynamic';

export default async function ComponentsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { user, ctx } = await requireSession();
  const [locale, query, catalogue, serviceList] = await Promise.all([
    requestLocale(),
    searchParams,
    listConsoleComponents({ ctx }),
    listConsoleServices({ ctx }),
  ]);
  const tr = t(locale, 'admin');
  const common = t(locale, 'common');
  const canWrite = WRITERS.includes(user.role);
  const groupOptions = catalogue.groups.flatMap((g) => (g.id ? [{ id: g.id, label: localized(locale, g.name!, g.nameEn) }] : []));
  const namedGroups = catalogue.groups.filter((g) => g.id).length;
  const statusOptions = COMPONENT_STATUSES.map((s) => ({ value: s, label: common(`componentStatus.${s}`) }));
  return (
    <>
      <h1>{tr('nav.components')}</h1>
      {query.deleted !== undefined && (
        <p className="form-message form-message-ok" role="status">
          {tr('components.saved.deleted')}
        </p>
      )}
      {!canWrite && <p className="muted">{tr('readOnly')}</p>}
      {catalogue.groups.map((group, groupIndex) => {
        const groupName = group.id ? localized(locale, group.name!, group.nameEn) : tr('components.ungrouped');
        if (!group.id && group.components.length === 0) return null;
        return (
          <section key={group.id ?? 'ungrouped'} className="panel" aria-labelledby={`group-${group.id ?? 'none'}`}>
            <div className="page-head">
              <h2 id={`group-${group.id ?? 'none'}`}>{groupName}</h2>
              {canWrite && group.id && (
                <div className="row-actions">
                  <ActionForm action={reorderGroupAction} className="form-inline">
                    <input type="hidden" name="id" value={group.id} />
                    {groupIndex > 0 && (
                      <SubmitButton className="button button-secondary button-small" name="direction" value="up">
                        <span aria-hidden="true">↑</span>{' '}
                        <span className="visually-hidden">{tr('components.moveGroupUp', { name: groupName })}</span>
                      </SubmitButton>
                    )}
                    {groupIndex < namedGroups - 1 && (
                      <SubmitButton className="button button-secondary button-small" name="direction" value="down">
                        <span aria-hidden="true">↓</span>{' '}
                        <span className="visually-hidden">{tr('components.moveGroupDown', { name: groupName })}</span>
                      </SubmitButton>
                    )}
                  </ActionForm>
                  <Link href={`/admin/components/groups/${group.id}`}>{tr('components.editGroup')}</Link>
                </div>
              )}
            </div>
            {group.components.length === 0 ? (
              <p className="muted">{tr('components.emptyGroup')}</p>
            ) : (
              <ul className="rows">
                {group.components.map((c, index) => {
                  const name = localized(locale, c.name, c.nameEn);
                  return (
                    <li key={c.id} className="row">
                      <div className="page-head">
                        <span className="row-title">{name}</span>
                        <StatusLabel status={c.status} locale={locale} />
                      </div>
                      {canWrite && (
                        <div className="row-actions">
                          <ActionForm
                            action={setComponentStatusAction}
                            className="form-inline"
                            aria-label={tr('components.setStatusFor', { name })}
                          >
                            <input type="hidden" name="id" value={c.id} />
                            <SelectField
                              name="status"
                              label={tr('components.setStatus')}
                              defaultValue={c.status}
                              options={statusOptions}
                            />
                            <SubmitButton className="button button-small">{tr('components.apply')}</SubmitButton>
                          </ActionForm>
                          <ActionForm
                            action={reorderComponentAction}
                            className="form-inline"
                            aria-label={tr('components.orderOf', { name })}
                          >
                            <input type="hidden" name="id" value={c.id} />
                            {index > 0 && (
                              <SubmitButton className="button button-secondary button-small" name="direction" value="up">
                                <span aria-hidden="true">↑</span>{' '}
                                <span className="visually-hidden">{tr('components.moveUp', { name })}</span>
                              </SubmitButton>
                            )}
                            {index < group.components.length - 1 && (
                              <SubmitButton className="button button-secondary button-small" name="direction" value="down">
                                <span aria-hidden="true">↓</span>{' '}
                                <span className="visually-hidden">{tr('components.moveDown', { name })}</span>
                              </SubmitButton>
                            )}
                          </ActionForm>
                          <Link href={`/admin/components/${c.id}`}>
                            {tr('components.edit')}
                            <span className="visually-hidden">: {name}</span>
                          </Link>
                        </div>
                      )}
                    </li>
                  );
                })}
              </ul>
            )}
          </section>
        );
      })}

      {canWrite && (
        <div className="columns">
          <section className="panel" aria-labelledby="new-component">
            <h2 id="new-component">{tr('components.new')}</h2>
            <ActionForm action={createComponentAction}>
              <ComponentFields locale={locale} groups={groupOptions} services={serviceList} />
              <SubmitButton>{tr('components.create')}</SubmitButton>
            </ActionForm>
          </section>
          <section className="panel" aria-labelledby="new-group">
            <h2 id="new-group">{tr('components.newGroup')}</h2>
            <ActionForm action={createGroupAction}>
              <GroupFields
                locale={locale}
                services={catalogue.services
                  .filter((s) => !serviceList.find((l) => l.id === s.id)?.archived)
                  .map((s) => ({ id: s.id, label: localized(locale, s.name, s.nameEn) }))}
              />
              <SubmitButton>{tr('components.createGroup')}</SubmitButton>
            </ActionForm>
          </section>
        </div>
      )}
    </>
  );
}
