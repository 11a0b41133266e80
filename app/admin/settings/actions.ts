'use server';
import { z } from 'zod';
import { formAction } from '@/lib/actions/action';
import { checkbox, fromForm } from '@/lib/actions/fields';
import { t } from '@/lib/i18n/messages';
import { editPage, editPageInput } from '@/lib/services/settings/edit-page';
import { setTwoFactorPolicy } from '@/lib/services/settings/two-factor-policy';

export const editPageAction = formAction({
  form: fromForm(editPageInput),
  run: (ctx, input) => editPage({ ctx, input }),
  done: (_, __, locale) => ({ message: t(locale, 'admin')('settings.saved') }),
});

export const twoFactorPolicyAction = formAction({
  form: z.object({ requireAdminTwoFactor: checkbox }),
  run: (ctx, input) => setTwoFactorPolicy({ ctx, input }),
  done: (_, __, locale) => ({ message: t(locale, 'admin')('settings.saved') }),
});
