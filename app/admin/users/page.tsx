import { requireSession } from '@/lib/auth/current';
import { ROLES } from '@/lib/domain/statuses';
import { ADMINS } from '@/lib/services/context';
import { listUsers } from '@/lib/services/users/list';
import { resolvePage } from '@/lib/pages/context';
import { formatDateTime } from '@/lib/i18n/format';
import { requestLocale } from '@/lib/i18n/server';
import { t } from '@/lib/i18n/messages';
import { ActionForm, SelectField, SubmitButton, TextField } from '../_ui/forms';
import {
  changeRoleAction,
  disableUserAction,
  enableUserAction,
  inviteUserAction,
  resetTwoFactorAction,
  revokeInvitationAction,
  unlockUserAction,
} from './actions';

export const dynamic = 'force-dynamic';

export default async function UsersPage() {
  const { user: me, ctx } = await requireSession(ADMINS);
  const [locale, list, page] = await Promise.all([requestLocale(), listUsers({ ctx }), resolvePage(ctx.db)]);
  const tr = t(locale, 'admin');
  const tz = page.timeZone;
  const roleOptions = ROLES.map((r) => ({ value: r, label: tr(`roles.${r}`) }));
  return (
    <>
      <h1>{tr('nav.users')}</h1>
      <p className="muted">{tr('users.rolesExplain')}</p>
      <section className="panel" aria-labelledby="user-list">
        <h2 id="user-list">{tr('users.list')}</h2>
        <ul className="rows">
          {list.users.map((u) => (
            <li key={u.id} className="row">
              <span className="row-title">{u.email}</span>
              <div className="row-meta">
                {u.name && <span>{u.name}</span>}
                <span className="pill">{tr(`roles.${u.role}`)}</span>
                {u.disabledAt && <span className="pill severity-emergency">{tr('users.disabled')}</span>}
                {u.slowed && <span className="pill severity-severe">{tr('users.slowed')}</span>}
                {u.twoFactor && <span className="pill">{tr('users.twoFactorOn')}</span>}
                <span>
                  {u.lastSignInAt
                    ? tr('users.lastSignIn', { time: formatDateTime(u.lastSignInAt, locale, tz) })
                    : tr('users.neverSignedIn')}
                </span>
              </div>
              {u.id !== me.id && (
                <div className="row-actions">
                  <ActionForm
                    action={changeRoleAction}
                    className="form-inline"
                    aria-label={tr('users.roleFor', { email: u.email })}
                  >
                    <input type="hidden" name="userId" value={u.id} />
                    <SelectField name="role" label={tr('users.role')} defaultValue={u.role} options={roleOptions} />
                    <SubmitButton className="button button-secondary button-small">{tr('users.changeRole')}</SubmitButton>
                  </ActionForm>
                  <ActionForm
                    action={u.disabledAt ? enableUserAction : disableUserAction}
                    className="form-inline"
                    aria-label={tr('users.accessFor', { email: u.email })}
                  >
                    <input type="hidden" name="userId" value={u.id} />
                    <SubmitButton className={`button button-small ${u.disabledAt ? 'button-secondary' : 'button-danger'}`}>
                      {u.disabledAt ? tr('users.enable') : tr('users.disable')}
                      <span className="visually-hidden">: {u.email}</span>
                    </SubmitButton>
                  </ActionForm>
                  {u.slowed && (
                    <ActionForm action={unlockUserAction} className="form-inline">
                      <input type="hidden" name="userId" value={u.id} />
                      <SubmitButton className="button button-secondary button-small">
                        {tr('users.unlock')}
                        <span className="visually-hidden">: {u.email}</span>
                      </SubmitButton>
                    </ActionForm>
                  )}
                  {u.twoFactor && (
                    <ActionForm action={resetTwoFactorAction} className="form-inline">
                      <input type="hidden" name="userId" value={u.id} />
                      <SubmitButton className="button button-secondary button-small">
                        {tr('users.resetTwoFactor')}
                        <span className="visually-hidden">: {u.email}</span>
                      </SubmitButton>
                    </ActionForm>
                  )}
                </div>
              )}
            </li>
          ))}
        </ul>
      </section>

      <div className="columns">
        <section className="panel" aria-labelledby="invite">
          <h2 id="invite">{tr('users.invite')}</h2>
          <p className="field-hint">{tr('users.inviteExplain')}</p>
          <ActionForm action={inviteUserAction}>
            <TextField name="email" type="email" label={tr('users.email')} required autoComplete="off" />
            <div className="two-fields">
              <SelectField name="role" label={tr('users.role')} defaultValue="operator" options={roleOptions} />
              <SelectField
                name="locale"
                label={tr('users.language')}
                defaultValue={locale}
                options={[
                  { value: 'ja', label: '日本語' },
                  { value: 'en', label: 'English' },
                ]}
              />
            </div>
            <SubmitButton>{tr('users.inviteSubmit')}</SubmitButton>
          </ActionForm>
        </section>
        <section className="panel" aria-labelledby="pending">
          <h2 id="pending">{tr('users.pending')}</h2>
          {list.invitations.length === 0 ? (
            <p className="muted">{tr('users.noPending')}</p>
          ) : (
            <ul className="rows">
              {list.invitations.map((inv) => (
                <li key={inv.email} className="row">
                  <span className="row-title">{inv.email}</span>
                  <div className="row-meta">
                    <span className="pill">{tr(`roles.${inv.role}`)}</span>
                    <span>{tr('users.expires', { time: formatDateTime(inv.expiresAt, locale, tz) })}</span>
                  </div>
                  <ActionForm action={revokeInvitationAction} className="form-inline">
                    <input type="hidden" name="email" value={inv.email} />
                    <SubmitButton className="button button-secondary button-small">
                      {tr('users.revoke')}
                      <span className="visually-hidden">: {inv.email}</span>
                    </SubmitButton>
                  </ActionForm>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </>
  );
}
