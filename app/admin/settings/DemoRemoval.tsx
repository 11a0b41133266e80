import type { Locale } from '@/lib/i18n/locales';
import { t } from '@/lib/i18n/messages';
import type { demoSummary } from '@/lib/services/demo/remove';
import { ActionForm, SubmitButton, TextField } from '../_ui/forms';
import { removeDemoAction } from './demo/actions';

/** "Remove demo data": shown while anything the demo seed made is left; the admin types a phrase to confirm. */
export function DemoRemoval({
  summary,
  removed,
  locale,
}: {
  summary: Awaited<ReturnType<typeof demoSummary>>;
  removed: boolean;
  locale: Locale;
}) {
  const tr = t(locale, 'firstday');
  return (
    <section className="panel panel-danger" aria-labelledby="demo-data">
      <h2 id="demo-data">{tr('demo.heading')}</h2>
      {summary ? (
        <>
          <p>{tr('demo.explain', summary)}</p>
          <ActionForm action={removeDemoAction}>
            <TextField name="confirmation" label={tr('demo.confirm')} required maxLength={100} autoComplete="off" />
            <SubmitButton className="button button-danger">{tr('demo.submit')}</SubmitButton>
          </ActionForm>
        </>
      ) : removed ? (
        <p className="form-message form-message-ok" role="status">
          {tr('demo.done')}
        </p>
      ) : (
        <p className="muted">{tr('demo.none')}</p>
      )}
    </section>
  );
}
