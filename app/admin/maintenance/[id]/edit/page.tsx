import Link from 'next/link';
import { requireSession } from '@/lib/auth/current';
import { WRITERS } from '@/lib/services/context';
import { maintenanceFormOptions } from '@/lib/services/maintenances/list';
import { describePlanCheck } from '@/lib/maintenance/describe-check';
import { instantToLocalInput } from '@/lib/maintenance/local-time';
import { requestLocale } from '@/lib/i18n/server';
import { t } from '@/lib/i18n/messages';
import { localized } from '@/lib/i18n/localized';
import { editAction, previewPlanAction } from '../../actions';
import { MaintenanceForm } from '../../_ui/MaintenanceForm';
import { maintenanceFormLabels, scopeGroups } from '../../_ui/form-props';
import { loadMaintenanceOr404 } from '../load';

export const dynamic = 'force-dynamic';

export default async function EditMaintenancePage({ params }: { params: Promise<{ id: string }> }) {
  const { ctx } = await requireSession(WRITERS);
  const { id } = await params;
  const [locale, m, options] = await Promise.all([
    requestLocale(),
    loadMaintenanceOr404(ctx, id),
    maintenanceFormOptions({ ctx }),
  ]);
  const tr = t(locale, 'maintenance');
  const closed = m.status === 'completed' || m.status === 'cancelled';
  return (
    <>
      <p className="breadcrumb">
        <Link href={`/admin/maintenance/${m.id}`}>← {localized(locale, m.title, m.titleEn)}</Link>
      </p>
      <h1>{tr('admin.edit')}</h1>
      {closed ? (
        <p className="form-message form-message-error" role="alert">
          {tr('errors.maintenance_closed')}
        </p>
      ) : (
        <>
          <p className="muted">{tr(m.status === 'scheduled' ? 'admin.editIntro' : 'admin.editRunningIntro')}</p>
          <MaintenanceForm
            action={editAction}
            preview={previewPlanAction}
            initialPreview={m.check ? { sections: describePlanCheck(m.check, locale) } : { hint: tr('check.incomplete') }}
            labels={maintenanceFormLabels(locale, m.timeZone, tr('form.saveChanges'))}
            groups={scopeGroups(options, locale)}
            defaults={{
              id: m.id,
              title: m.title,
              titleEn: m.titleEn ?? '',
              body: m.body,
              bodyEn: m.bodyEn ?? '',
              scheduledStart: instantToLocalInput(m.scheduledStart, m.timeZone),
              scheduledEnd: instantToLocalInput(m.scheduledEnd, m.timeZone),
              expectedDowntimeMinutes: String(m.expectedDowntimeMinutes),
              componentIds: m.components.map((c) => c.id),
            }}
          />
        </>
      )}
    </>
  );
}
