import Link from 'next/link';
import { requireSession } from '@/lib/auth/current';
import { requestLocale } from '@/lib/i18n/server';
import { t } from '@/lib/i18n/messages';
import { localized } from '@/lib/i18n/localized';
import { ADMINS } from '@/lib/services/context';
import { listConsoleServices } from '@/lib/services/services/list';
import { POLICY_TEMPLATES } from '@/lib/sla/templates';
import { ActionForm, SelectField, SubmitButton } from '../_ui/forms';
import { createServiceAction } from './actions';
import { ServiceFields } from './ServiceFields';

export const dynamic = 'force-dynamic';

/** Services (products with their own SLA): the list and a form to add one from a policy template. */
export default async function ServicesPage() {
  const { ctx } = await requireSession(ADMINS);
  const [locale, list] = await Promise.all([requestLocale(), listConsoleServices({ ctx })]);
  const tr = t(locale, 'services');
  return (
    <>
      <h1>{tr('title')}</h1>
      <p className="muted">{tr('lead')}</p>
      <section className="panel" aria-labelledby="service-list">
        <h2 id="service-list">{tr('listHeading')}</h2>
        {list.length === 0 ? (
          <p className="empty">{tr('empty')}</p>
        ) : (
          <ul className="rows">
            {list.map((s) => (
              <li key={s.id} className="row">
                <div className="page-head">
                  <Link className="row-title" href={`/admin/services/${s.id}`}>
                    {localized(locale, s.name, s.nameEn)}
                  </Link>
                  {s.archived && <span className="pill pill-draft">{tr('archivedBadge')}</span>}
                </div>
                <p className="row-meta">
                  <span>{tr('componentCount', { count: s.componentCount })}</span>
                  <span>{s.functionGroups ? tr('groupCount', { count: s.functionGroups.length }) : tr('noPolicy')}</span>
                  <Link href={`/admin/sla/policy?service=${s.id}`}>{tr('editPolicy')}</Link>
                  <Link href={`/admin/sla?service=${s.id}`}>{tr('report')}</Link>
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="panel" aria-labelledby="new-service">
        <h2 id="new-service">{tr('newHeading')}</h2>
        <ActionForm action={createServiceAction}>
          <ServiceFields locale={locale} />
          <SelectField
            name="template"
            label={tr('fields.template')}
            hint={tr('fields.templateHint')}
            defaultValue="call_center_98"
            options={[...POLICY_TEMPLATES, 'none'].map((key) => ({ value: key, label: tr(`templates.${key}`) }))}
          />
          <SubmitButton>{tr('create')}</SubmitButton>
        </ActionForm>
      </section>
    </>
  );
}
