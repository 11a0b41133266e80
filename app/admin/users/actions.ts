'use server';
import { formAction } from '@/lib/actions/action';
import { fromForm } from '@/lib/actions/fields';
import { siteBaseUrl } from '@/lib/auth/request';
import { t } from '@/lib/i18n/messages';
import { inviteUser, inviteUserInput } from '@/lib/services/users/invite';
import { changeUserRole, changeRoleInput } from '@/lib/services/users/change-role';
import { disableUser, disableUserInput } from '@/lib/services/users/disable';
import { enableUser, enableUserInput } from '@/lib/services/users/enable';
import { revokeInvitation, revokeInvitationInput } from '@/lib/services/users/revoke-invitation';
import { resetTwoFactor, resetTwoFactorInput } from '@/lib/services/users/two-factor';
import { unlockUser, unlockUserInput } from '@/lib/services/users/unlock';

const saved = (key: string) => (_: unknown, __: unknown, locale: 'ja' | 'en') => ({
  message: t(locale, 'admin')(`users.saved.${key}`),
});

export const inviteUserAction = formAction({
  form: fromForm(inviteUserInput),
  run: async (ctx, input) => inviteUser({ ctx, input, siteUrl: await siteBaseUrl() }),
  done: (result, _, locale) => ({
    message: t(locale, 'admin')(result.mailed ? 'users.saved.invited' : 'users.saved.inviteMailFailed', { email: result.email }),
  }),
});

export const changeRoleAction = formAction({
  form: fromForm(changeRoleInput),
  run: (ctx, input) => changeUserRole({ ctx, input }),
  done: saved('role'),
});

export const disableUserAction = formAction({
  form: fromForm(disableUserInput),
  run: (ctx, input) => disableUser({ ctx, input }),
  done: saved('disabled'),
});

export const enableUserAction = formAction({
  form: fromForm(enableUserInput),
  run: (ctx, input) => enableUser({ ctx, input }),
  done: saved('enabled'),
});

export const revokeInvitationAction = formAction({
  form: fromForm(revokeInvitationInput),
  run: (ctx, input) => revokeInvitation({ ctx, input }),
  done: saved('revoked'),
});

export const unlockUserAction = formAction({
  form: fromForm(unlockUserInput),
  run: (ctx, input) => unlockUser({ ctx, input }),
  done: saved('unlocked'),
});

export const resetTwoFactorAction = formAction({
  form: fromForm(resetTwoFactorInput),
  run: (ctx, input) => resetTwoFactor({ ctx, input }),
  done: saved('twoFactorReset'),
});
