import { getDb } from '@/lib/db';
import { requestLocale } from '@/lib/i18n/server';
import { t } from '@/lib/i18n/messages';
import { findOpenInvitation } from '@/lib/services/users/accept-invitation';
import { ActionForm, SubmitButton, TextField } from '../../_ui/forms';
import { acceptInvitationAction } from './actions';

export const dynamic = 'force-dynamic';

/** The page an invitation link opens: the token in the URL is the only credential. */
export default async function AcceptInvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const [locale, { token }] = await Promise.all([requestLocale(), params]);
  const invitation = await findOpenInvitation(await getDb(), token);
  const tr = t(locale, 'auth');
  return (
    <div className="auth-card">
      <h1>{tr('invitation.title')}</h1>
      {invitation ? (
        <>
          <p>{tr('invitation.intro', { email: invitation.email, role: t(locale, 'admin')(`roles.${invitation.role}`) })}</p>
          <ActionForm action={acceptInvitationAction}>
            <input type="hidden" name="token" value={token} />
            <input type="email" name="email" value={invitation.email} autoComplete="username" readOnly hidden />
            <TextField name="name" label={tr('invitation.name')} autoComplete="name" maxLength={100} />
            <TextField
              name="password"
              type="password"
              label={tr('invitation.password')}
              hint={tr('passwordHint')}
              autoComplete="new-password"
              required
              maxLength={200}
            />
            <SubmitButton>{tr('invitation.submit')}</SubmitButton>
          </ActionForm>
        </>
      ) : (
        <p className="form-message form-message-error" role="alert">
          {tr('invitation.invalid')}
        </p>
      )}
    </div>
  );
}
