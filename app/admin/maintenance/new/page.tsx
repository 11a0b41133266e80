import Link from 'next/link';
import { requireSession } from '@/lib/auth/current';
import { WRITERS } from '@/lib/services/context';
import { maintenanceFormOptions } from '@/lib/services/maintenances/list';
import { requestLocale } from '@/lib/i18n/server';
import { t } from '@/lib/i18n/messages';
import { previewPlanAction, scheduleAction } from '../actions';
import { MaintenanceForm } from '../_ui/MaintenanceForm';
import { maintenanceFormLabels, scopeGroups } from '../_ui/form-props';

export const dynamic = 'force-dynamic';

export default async function NewMaintenancePage() {
  const { ctx } = await requireSession(WRITERS);
  const [locale, options] = await Promise.all([requestLocale(), maintenanceFormOptions({ ctx })]);
  const tr = t(locale, 'maintenance');
  return (
    <>
      <p className="breadcrumb">
        <Link href="/admin/maintenance">← {tr('admin.title')}</Link>
      </p>
      <h1>{tr('admin.new')}</h1>
      <p className="muted">{tr('admin.newIntro')}</p>
      <MaintenanceForm
        action={scheduleAction}
        preview={previewPlanAction}
        initialPreview={{ hint: tr('check.incomplete') }}
        labels={maintenanceFormLabels(locale, options.timeZone, tr('form.schedule'))}
        groups={scopeGroups(options, locale)}
        defaults={{ expectedDowntimeMinutes: '' }}
      />
    </>
  );
}
