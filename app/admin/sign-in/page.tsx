import { redirect } from 'next/navigation';
import { currentSession } from '@/lib/auth/current';
import { isSetupOpen } from '@/lib/services/users/first-admin';
import { getDb } from '@/lib/db';
import { requestLocale } from '@/lib/i18n/server';
import { t } from '@/lib/i18n/messages';
import { ActionForm, SubmitButton, TextField } from '../_ui/forms';
import { signInAction } from './actions';

export const dynamic = 'force-dynamic';

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  if (await currentSession()) redirect('/admin');
  if (await isSetupOpen(await getDb())) redirect('/admin/setup');
  const [locale, query] = await Promise.all([requestLocale(), searchParams]);
  const tr = t(locale, 'auth');
  return (
    <div className="auth-card">
      <h1>{tr('signIn.title')}</h1>
      <p className="muted">{tr('signIn.intro')}</p>
      {query['signed-out'] !== undefined && (
        <p className="form-message form-message-ok" role="status">
          {tr('signIn.signedOut')}
        </p>
      )}
      <ActionForm action={signInAction}>
        <TextField name="email" type="email" label={tr('signIn.email')} autoComplete="username" required />
        <TextField name="password" type="password" label={tr('signIn.password')} autoComplete="current-password" required />
        <SubmitButton>{tr('signIn.submit')}</SubmitButton>
      </ActionForm>
    </div>
  );
}
