import type { Locale } from '@/lib/i18n/locales';
import { t } from '@/lib/i18n/messages';
import { ActionForm, SubmitButton, TextArea } from '../../_ui/forms';
import { deleteDraftAction, withdrawIncidentAction } from './actions';

/** Withdrawing a published incident (admins) takes it off the public record without deleting evidence. */
export function WithdrawForm({ incidentId, locale }: { incidentId: string; locale: Locale }) {
  const tr = t(locale, 'firstday');
  return (
    <section className="panel panel-danger" aria-labelledby="withdraw-incident">
      <h2 id="withdraw-incident">{tr('withdraw.heading')}</h2>
      <p className="field-hint">{tr('withdraw.explain')}</p>
      <ActionForm action={withdrawIncidentAction}>
        <input type="hidden" name="incidentId" value={incidentId} />
        <TextArea name="reason" label={tr('withdraw.reason')} required rows={2} maxLength={1000} />
        <SubmitButton className="button button-danger">{tr('withdraw.submit')}</SubmitButton>
      </ActionForm>
    </section>
  );
}

/** A draft was never public: writers may delete it outright. */
export function DeleteDraftForm({ incidentId, locale }: { incidentId: string; locale: Locale }) {
  const tr = t(locale, 'firstday');
  return (
    <section className="panel panel-danger" aria-labelledby="delete-draft">
      <h2 id="delete-draft">{tr('deleteDraft.heading')}</h2>
      <p className="field-hint">{tr('deleteDraft.explain')}</p>
      <ActionForm action={deleteDraftAction}>
        <input type="hidden" name="incidentId" value={incidentId} />
        <SubmitButton className="button button-danger">{tr('deleteDraft.submit')}</SubmitButton>
      </ActionForm>
    </section>
  );
}
