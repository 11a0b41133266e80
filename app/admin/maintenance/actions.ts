'use server';
import { formAction } from '@/lib/actions/action';
import { formValues } from '@/lib/actions/form-values';
import { serviceErrorText } from '@/lib/actions/messages';
import { currentSession } from '@/lib/auth/current';
import { isServiceError } from '@/lib/errors';
import { requestLocale } from '@/lib/i18n/server';
import { t } from '@/lib/i18n/messages';
import { describePlanCheck, type CheckSection } from '@/lib/maintenance/describe-check';
import { cancelForm, maintenanceForm, maintenanceInputFromForm, postUpdateForm, transitionForm } from '@/lib/maintenance/form';
import { resolvePage } from '@/lib/pages/context';
import type { ServiceContext } from '@/lib/services/context';
import { scheduleMaintenance } from '@/lib/services/maintenances/schedule';
import { editMaintenance } from '@/lib/services/maintenances/edit';
import { cancelMaintenance } from '@/lib/services/maintenances/cancel';
import { postMaintenanceUpdate } from '@/lib/services/maintenances/post-update';
import { startMaintenance } from '@/lib/services/maintenances/start';
import { completeMaintenance } from '@/lib/services/maintenances/complete';
import { checkMaintenancePlan } from '@/lib/services/maintenances/check-plan';

// Every action goes through formAction (session re-read, parsing, errors in the operator's
// language); the services check the role. Times in the form are wall-clock in the page's zone.

async function serviceInput(ctx: ServiceContext, values: Parameters<typeof maintenanceInputFromForm>[0]) {
  const page = await resolvePage(ctx.db);
  return maintenanceInputFromForm(values, page.timeZone);
}

export const scheduleAction = formAction({
  namespace: 'maintenance',
  form: maintenanceForm,
  run: async (ctx, values) => scheduleMaintenance({ ctx, input: await serviceInput(ctx, values) }),
  done: (result) => ({ redirectTo: `/admin/maintenance/${result.maintenance.id}?saved=scheduled` }),
});

export const editAction = formAction({
  namespace: 'maintenance',
  form: maintenanceForm,
  run: async (ctx, values) => editMaintenance({ ctx, input: await serviceInput(ctx, values) }),
  done: (result) => ({
    redirectTo: `/admin/maintenance/${result.maintenance.id}?saved=${result.changed ? 'edited' : 'unchanged'}`,
  }),
});

export const cancelAction = formAction({
  namespace: 'maintenance',
  form: cancelForm,
  run: (ctx, input) => cancelMaintenance({ ctx, input }),
  done: (result) => ({ redirectTo: `/admin/maintenance/${result.id}?saved=cancelled` }),
});

export const postUpdateAction = formAction({
  namespace: 'maintenance',
  form: postUpdateForm,
  run: (ctx, input) => postMaintenanceUpdate({ ctx, input }),
  done: (_result, input) => ({ redirectTo: `/admin/maintenance/${input.id}?saved=posted` }),
});

export const startAction = formAction({
  namespace: 'maintenance',
  form: transitionForm,
  run: (ctx, input) => startMaintenance({ ctx, input }),
  done: (result) => ({ redirectTo: `/admin/maintenance/${result.id}?saved=started` }),
});

export const completeAction = formAction({
  namespace: 'maintenance',
  form: transitionForm,
  run: (ctx, input) => completeMaintenance({ ctx, input }),
  done: (result) => ({ redirectTo: `/admin/maintenance/${result.id}?saved=completed` }),
});

export type PlanPreview = { sections: CheckSection[] } | { hint: string };

/**
 * Live policy feedback while the form is filled in: read-only, but still a public endpoint,
 * so it re-reads the session and lets the service check the role like every other action.
 */
export async function previewPlanAction(formData: FormData): Promise<PlanPreview> {
  const [session, locale] = await Promise.all([currentSession(), requestLocale()]);
  const tr = t(locale, 'maintenance');
  if (!session) return { hint: t(locale, 'admin')('errors.session_expired') };
  const parsed = maintenanceForm.safeParse(formValues(formData));
  if (!parsed.success) return { hint: tr('check.incomplete') };
  try {
    const input = await serviceInput(session.ctx, parsed.data);
    const check = await checkMaintenancePlan({ ctx: session.ctx, input });
    return { sections: describePlanCheck(check, locale) };
  } catch (error) {
    if (isServiceError(error) && error.code === 'invalid') return { hint: tr('check.incomplete') };
    if (isServiceError(error)) return { hint: serviceErrorText(locale, error, 'maintenance') };
    console.error('maintenance plan preview failed', error);
    return { hint: t(locale, 'admin')('errors.unexpected') };
  }
}
