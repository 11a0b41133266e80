'use server';
import { formAction } from '@/lib/actions/action';
import { fromForm } from '@/lib/actions/fields';
import { deleteDraftIncident, deleteDraftInput } from '@/lib/services/incidents/delete-draft';
import { withdrawIncident, withdrawIncidentInput } from '@/lib/services/incidents/withdraw';

export const withdrawIncidentAction = formAction({
  namespace: 'firstday',
  form: fromForm(withdrawIncidentInput),
  run: (ctx, input) => withdrawIncident({ ctx, input }),
  done: (result) => ({ redirectTo: `/admin/incidents/${result.id}?saved=withdrawn` }),
});

export const deleteDraftAction = formAction({
  namespace: 'firstday',
  form: fromForm(deleteDraftInput),
  run: (ctx, input) => deleteDraftIncident({ ctx, input }),
  done: () => ({ redirectTo: '/admin/incidents?saved=draft-deleted' }),
});
