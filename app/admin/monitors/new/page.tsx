import Link from 'next/link';
import { requireSession } from '@/lib/auth/current';
import { requestLocale } from '@/lib/i18n/server';
import { t } from '@/lib/i18n/messages';
import { WRITERS } from '@/lib/services/context';
import { listConsoleComponents } from '@/lib/services/components/list';
import { localized } from '@/lib/i18n/localized';
import { ActionForm, SubmitButton } from '../../_ui/forms';
import { MonitorFields } from '../_ui/MonitorFields';
import { createMonitorAction } from '../actions';
import '../monitors.css';

export const dynamic = 'force-dynamic';

export default async function NewMonitorPage() {
  const { ctx } = await requireSession(WRITERS);
  const [locale, catalogue] = await Promise.all([requestLocale(), listConsoleComponents({ ctx })]);
  const tr = t(locale, 'monitors');
  const components = catalogue.groups.flatMap((g) =>
    g.components.map((c) => ({ id: c.id, label: localized(locale, c.name, c.nameEn) })),
  );
  return (
    <>
      <p className="breadcrumb">
        <Link href="/admin/monitors">{tr('title')}</Link>
      </p>
      <h1>{tr('newTitle')}</h1>
      <section className="panel" aria-label={tr('newTitle')}>
        <ActionForm action={createMonitorAction}>
          <MonitorFields locale={locale} components={components} />
          <div className="monitor-buttons">
            <SubmitButton>{tr('create')}</SubmitButton>
            <SubmitButton className="button button-secondary" name="intent" value="test">
              {tr('testNow')}
            </SubmitButton>
          </div>
        </ActionForm>
      </section>
    </>
  );
}
