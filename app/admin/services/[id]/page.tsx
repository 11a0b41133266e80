import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requireSession } from '@/lib/auth/current';
import { requestLocale } from '@/lib/i18n/server';
import { t } from '@/lib/i18n/messages';
import { localized } from '@/lib/i18n/localized';
import { ADMINS } from '@/lib/services/context';
import { listConsoleServices } from '@/lib/services/services/list';
import { ActionForm, SubmitButton } from '../../_ui/forms';
import { archiveServiceAction, editServiceAction } from '../actions';
import { ServiceFields } from '../ServiceFields';

export const dynamic = 'force-dynamic';

export default async function ServicePage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ created?: string }>;
}) {
  const { ctx } = await requireSession(ADMINS);
  const [locale, { id }, query, list] = await Promise.all([requestLocale(), params, searchParams, listConsoleServices({ ctx })]);
  const service = list.find((s) => s.id === id);
  if (!service) notFound();
  const tr = t(locale, 'services');
  const name = localized(locale, service.name, service.nameEn);
  return (
    <>
      <p className="breadcrumb">
        <Link href="/admin/services">← {tr('title')}</Link>
      </p>
      <h1>{name}</h1>
      {query.created !== undefined && (
        <p className="form-message form-message-ok" role="status">
          {tr('created')}
        </p>
      )}
      <section className="panel" aria-labelledby="service-next">
        <h2 id="service-next">{tr('nextHeading')}</h2>
        <ul>
          <li>
            <Link href={`/admin/sla/policy?service=${service.id}`}>{tr('editPolicy')}</Link>
            {service.functionGroups ? ` — ${tr('groupCount', { count: service.functionGroups.length })}` : ` — ${tr('noPolicy')}`}
          </li>
          <li>
            <Link href="/admin/components">{tr('assignComponents')}</Link> —{' '}
            {tr('componentCount', { count: service.componentCount })}
          </li>
          <li>
            <Link href={`/admin/sla?service=${service.id}`}>{tr('report')}</Link>
          </li>
        </ul>
      </section>
      <div className="columns">
        <section className="panel" aria-labelledby="edit-service">
          <h2 id="edit-service">{tr('editHeading')}</h2>
          <ActionForm action={editServiceAction}>
            <input type="hidden" name="id" value={service.id} />
            <ServiceFields locale={locale} service={service} />
            <SubmitButton>{t(locale, 'admin')('save')}</SubmitButton>
          </ActionForm>
        </section>
        <section className="panel" aria-labelledby="archive-service">
          <h2 id="archive-service">{service.archived ? tr('restoreHeading') : tr('archiveHeading')}</h2>
          <p>{service.archived ? tr('restoreExplain') : tr('archiveExplain')}</p>
          <ActionForm action={archiveServiceAction}>
            <input type="hidden" name="id" value={service.id} />
            <input type="hidden" name="archived" value={service.archived ? 'false' : 'true'} />
            <SubmitButton className="button button-secondary">{service.archived ? tr('restore') : tr('archive')}</SubmitButton>
          </ActionForm>
        </section>
      </div>
    </>
  );
}
