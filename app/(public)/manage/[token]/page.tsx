import type { Metadata } from 'next';
import Link from 'next/link';
import { getDb } from '@/lib/db';
import { isServiceError } from '@/lib/errors';
import { t } from '@/lib/i18n/messages';
import { requestLocale } from '@/lib/i18n/server';
import { resolvePage } from '@/lib/pages/context';
import { localized } from '@/lib/i18n/localized';
import { loadManageView, type ManageView } from '@/lib/services/subscribers/manage-view';
import { listSubscribableComponents } from '@/lib/services/subscribers/subscribable-components';
import { PublicShell } from '@/app/_ui/PublicShell';
import { ActionForm, SelectField, SubmitButton } from '@/app/admin/_ui/forms';
import { ComponentChoice } from '../../subscribe/_ui/ComponentChoice';
import { leaveAction, savePreferencesAction } from '../../subscribe/actions';
import '../../subscription.css';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { robots: { index: false, follow: false } };

/** Every message links here: choose components, change language, or stop, without an account. */
export default async function ManagePage(props: {
  params: Promise<{ token: string }>;
  searchParams: Promise<{ confirmed?: string }>;
}) {
  const [{ token }, { confirmed }, locale, db] = await Promise.all([props.params, props.searchParams, requestLocale(), getDb()]);
  const tr = t(locale, 'subscribe');
  const [page, choices] = await Promise.all([resolvePage(db), listSubscribableComponents(db, locale)]);
  let view: ManageView | null = null;
  try {
    view = await loadManageView(db, token);
  } catch (error) {
    if (!isServiceError(error)) throw error;
  }
  return (
    <PublicShell locale={locale} pageName={localized(locale, page.name, page.nameEn)} timeZone={page.timeZone} path="/subscribe">
      <div className="subscription">
        <h1>{tr('manage.title')}</h1>
        {!view ? (
          <section className="subscribe-card">
            <p role="alert">{tr('manage.invalid')}</p>
          </section>
        ) : (
          <>
            {confirmed === '1' && view.state === 'active' && (
              <p className="form-message form-message-ok" role="status">
                {tr('manage.justConfirmed')}
              </p>
            )}
            <section className="subscribe-card" aria-labelledby="subscription-state">
              <h2 id="subscription-state">{tr(`manage.channel.${view.channel}`, { address: view.maskedAddress })}</h2>
              <p className="manage-state">{tr(`manage.state.${view.state}`)}</p>
              {view.state === 'unsubscribed' || view.state === 'disabled' ? (
                <p>
                  <Link href="/subscribe">{tr('manage.subscribeAgain')}</Link>
                </p>
              ) : (
                <ActionForm action={savePreferencesAction} aria-label={tr('manage.save')}>
                  <input type="hidden" name="token" value={token} />
                  <ComponentChoice
                    idPrefix="manage"
                    groups={choices.groups}
                    defaultScope={view.allComponents ? 'all' : 'some'}
                    defaultIds={view.componentIds}
                    labels={{
                      legend: tr('scope.legend'),
                      all: tr('scope.all'),
                      some: tr('scope.some'),
                      pick: tr('scope.pick'),
                      pickHint: tr('scope.pickHint'),
                    }}
                  />
                  <SelectField
                    name="locale"
                    label={tr('manage.language')}
                    defaultValue={view.locale}
                    options={[
                      { value: 'ja', label: t(locale, 'common')('language.ja') },
                      { value: 'en', label: t(locale, 'common')('language.en') },
                    ]}
                  />
                  <div>
                    <SubmitButton>{tr('manage.save')}</SubmitButton>
                  </div>
                </ActionForm>
              )}
            </section>
            {view.state !== 'unsubscribed' && (
              <section className="subscribe-card" aria-labelledby="leave">
                <h2 id="leave">{tr('manage.leave')}</h2>
                <ActionForm action={leaveAction} aria-label={tr('manage.leave')}>
                  <p className="field-hint">{tr('manage.leaveHint')}</p>
                  <input type="hidden" name="token" value={token} />
                  <div>
                    <SubmitButton className="button button-danger">{tr('manage.leave')}</SubmitButton>
                  </div>
                </ActionForm>
              </section>
            )}
          </>
        )}
      </div>
    </PublicShell>
  );
}
