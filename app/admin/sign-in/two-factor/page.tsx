import { redirect } from 'next/navigation';
import { currentSession } from '@/lib/auth/current';
import { readChallengeCookie } from '@/lib/auth/request';
import { requestLocale } from '@/lib/i18n/server';
import { t } from '@/lib/i18n/messages';
import { ActionForm, SubmitButton, TextField } from '../../_ui/forms';
import { secondFactorAction } from '../actions';

export const dynamic = 'force-dynamic';

/** Step two of signing in, for accounts with two-factor: a code from the app or a recovery code. */
export default async function SecondFactorPage() {
  if (await currentSession()) redirect('/admin');
  if (!(await readChallengeCookie())) redirect('/admin/sign-in');
  const tr = t(await requestLocale(), 'auth');
  return (
    <div className="auth-card">
      <h1>{tr('secondFactor.title')}</h1>
      <p className="muted">{tr('secondFactor.intro')}</p>
      <ActionForm action={secondFactorAction}>
        <TextField
          name="code"
          label={tr('secondFactor.code')}
          hint={tr('secondFactor.hint')}
          autoComplete="one-time-code"
          required
          maxLength={20}
        />
        <SubmitButton>{tr('secondFactor.submit')}</SubmitButton>
      </ActionForm>
    </div>
  );
}
