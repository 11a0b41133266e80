import Link from 'next/link';
import type { Locale } from '@/lib/i18n/locales';
import { t } from '@/lib/i18n/messages';
import type { MaintenanceDetail } from '@/lib/services/maintenances/get';
import { ActionForm, CheckboxField, SubmitButton, TextArea } from '../../_ui/forms';
import { cancelAction, completeAction, postUpdateAction, startAction } from '../actions';

/** What an operator can do now, by status: edit, start early, post, complete, cancel. */
export function MaintenanceActions({ m, locale }: { m: MaintenanceDetail; locale: Locale }) {
  const tr = t(locale, 'maintenance');
  const scheduled = m.status === 'scheduled';
  const running = m.status === 'in_progress' || m.status === 'verifying';
  const optional = tr('form.optional');
  return (
    <div className="action-stack">
      {(scheduled || running) && (
        <p>
          <Link className="button button-secondary" href={`/admin/maintenance/${m.id}/edit`}>
            {tr('admin.edit')}
          </Link>
        </p>
      )}
      {scheduled && (
        <section className="panel" aria-labelledby="act-start">
          <h2 id="act-start">{tr('admin.start.title')}</h2>
          <p className="field-hint">{tr('admin.start.hint')}</p>
          <ActionForm action={startAction} aria-label={tr('admin.start.title')}>
            <input type="hidden" name="id" value={m.id} />
            <TextArea
              name="note"
              label={`${tr('admin.message')} ${optional}`}
              hint={tr('admin.start.defaultText')}
              rows={2}
              maxLength={5000}
            />
            <TextArea name="noteEn" label={`${tr('admin.messageEn')} ${optional}`} rows={2} maxLength={5000} />
            <div>
              <SubmitButton>{tr('admin.start.submit')}</SubmitButton>
            </div>
          </ActionForm>
        </section>
      )}
      {running && (
        <section className="panel" aria-labelledby="act-complete">
          <h2 id="act-complete">{tr('admin.complete.title')}</h2>
          <p className="field-hint">{tr(m.overrunning ? 'admin.complete.overrunHint' : 'admin.complete.hint')}</p>
          <ActionForm action={completeAction} aria-label={tr('admin.complete.title')}>
            <input type="hidden" name="id" value={m.id} />
            <TextArea
              name="note"
              label={`${tr('admin.message')} ${optional}`}
              hint={tr('admin.complete.defaultText')}
              rows={2}
              maxLength={5000}
            />
            <TextArea name="noteEn" label={`${tr('admin.messageEn')} ${optional}`} rows={2} maxLength={5000} />
            <div>
              <SubmitButton>{tr('admin.complete.submit')}</SubmitButton>
            </div>
          </ActionForm>
        </section>
      )}
      {m.status !== 'cancelled' && (
        <section className="panel" aria-labelledby="act-post">
          <h2 id="act-post">{tr('admin.post.title')}</h2>
          <ActionForm action={postUpdateAction} aria-label={tr('admin.post.title')}>
            <input type="hidden" name="id" value={m.id} />
            <TextArea name="body" label={tr('admin.message')} rows={3} required maxLength={5000} />
            <TextArea name="bodyEn" label={`${tr('admin.messageEn')} ${optional}`} rows={2} maxLength={5000} />
            <div>
              <SubmitButton>{tr('admin.post.submit')}</SubmitButton>
            </div>
          </ActionForm>
        </section>
      )}
      {scheduled && (
        <section className="panel panel-danger" aria-labelledby="act-cancel">
          <h2 id="act-cancel">{tr('admin.cancel.title')}</h2>
          <p className="field-hint">{tr('admin.cancel.hint')}</p>
          <ActionForm action={cancelAction} aria-label={tr('admin.cancel.title')}>
            <input type="hidden" name="id" value={m.id} />
            <TextArea
              name="reason"
              label={`${tr('admin.cancel.reason')} ${optional}`}
              hint={tr('admin.cancel.defaultText')}
              rows={2}
              maxLength={5000}
            />
            <TextArea name="reasonEn" label={`${tr('admin.cancel.reasonEn')} ${optional}`} rows={2} maxLength={5000} />
            <CheckboxField name="confirm" label={tr('admin.cancel.confirm')} />
            <div>
              <SubmitButton className="button button-danger">{tr('admin.cancel.submit')}</SubmitButton>
            </div>
          </ActionForm>
        </section>
      )}
    </div>
  );
}
