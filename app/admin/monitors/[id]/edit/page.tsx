import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requireSession } from '@/lib/auth/current';
import { isServiceError } from '@/lib/errors';
import { requestLocale } from '@/lib/i18n/server';
import { t } from '@/lib/i18n/messages';
import { WRITERS } from '@/lib/services/context';
import { listConsoleComponents } from '@/lib/services/components/list';
import { getMonitor } from '@/lib/services/monitors/get';
import { localized } from '@/lib/i18n/localized';
import { ActionForm, CheckboxField, SubmitButton } from '../../../_ui/forms';
import { MonitorFields } from '../../_ui/MonitorFields';
import { deleteMonitorAction, editMonitorAction } from '../../actions';
import '../../monitors.css';

export const dynamic = 'force-dynamic';

export default async function EditMonitorPage({ params }: { params: Promise<{ id: string }> }) {
  const { ctx } = await requireSession(WRITERS);
  const [locale, { id }, catalogue] = await Promise.all([requestLocale(), params, listConsoleComponents({ ctx })]);
  const monitor = await getMonitor({ ctx, id }).catch((error: unknown) =>
    isServiceError(error) && error.code === 'not_found' ? null : Promise.reject(error),
  );
  if (!monitor) notFound();
  const tr = t(locale, 'monitors');
  const components = catalogue.groups.flatMap((g) =>
    g.components.map((c) => ({ id: c.id, label: localized(locale, c.name, c.nameEn) })),
  );
  return (
    <>
      <p className="breadcrumb">
        <Link href="/admin/monitors">{tr('title')}</Link> › <Link href={`/admin/monitors/${monitor.id}`}>{monitor.name}</Link>
      </p>
      <h1>{tr('editTitle', { name: monitor.name })}</h1>
      <section className="panel" aria-label={tr('editTitle', { name: monitor.name })}>
        <ActionForm action={editMonitorAction}>
          <input type="hidden" name="id" value={monitor.id} />
          <input type="hidden" name="type" value={monitor.type} />
          <MonitorFields locale={locale} components={components} monitor={monitor} />
          <div className="monitor-buttons">
            <SubmitButton>{tr('save')}</SubmitButton>
            <SubmitButton className="button button-secondary" name="intent" value="test">
              {tr('testNow')}
            </SubmitButton>
          </div>
        </ActionForm>
      </section>
      <section className="panel panel-danger" aria-labelledby="delete-monitor">
        <h2 id="delete-monitor">{tr('delete')}</h2>
        <p>{tr('deleteExplain')}</p>
        <ActionForm action={deleteMonitorAction}>
          <input type="hidden" name="id" value={monitor.id} />
          <CheckboxField name="confirm" label={tr('deleteConfirm', { name: monitor.name })} />
          <SubmitButton className="button button-danger">{tr('deleteButton')}</SubmitButton>
        </ActionForm>
      </section>
    </>
  );
}
