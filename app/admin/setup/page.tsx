import { redirect } from 'next/navigation';
import { isSetupOpen } from '@/lib/services/users/first-admin';
import { getDb } from '@/lib/db';
import { requestLocale } from '@/lib/i18n/server';
import { t } from '@/lib/i18n/messages';
import { ActionForm, SubmitButton, TextField } from '../_ui/forms';
import { setupAction } from './actions';

export const dynamic = 'force-dynamic';

/** Shown only while no user exists; the service refuses too, so a race cannot create two. */
export default async function SetupPage() {
  if (!(await isSetupOpen(await getDb()))) redirect('/admin/sign-in');
  const locale = await requestLocale();
  const tr = t(locale, 'auth');
  return (
    <div className="auth-card">
      <h1>{tr('setup.title')}</h1>
      <p className="muted">{tr('setup.intro')}</p>
      <ActionForm action={setupAction}>
        <TextField
          name="code"
          label={t(locale, 'firstday')('setup.code')}
          hint={t(locale, 'firstday')('setup.codeHint')}
          autoComplete="one-time-code"
          required
          maxLength={40}
        />
        <TextField name="name" label={tr('setup.name')} autoComplete="name" maxLength={100} />
        <TextField name="email" type="email" label={tr('setup.email')} autoComplete="username" required />
        <TextField
          name="password"
          type="password"
          label={tr('setup.password')}
          hint={tr('passwordHint')}
          autoComplete="new-password"
          required
          maxLength={200}
        />
        <SubmitButton>{tr('setup.submit')}</SubmitButton>
      </ActionForm>
    </div>
  );
}
