'use server';
import { z } from 'zod';
import { formAction } from '@/lib/actions/action';
import { t } from '@/lib/i18n/messages';
import { confirmTwoFactor, confirmTwoFactorInput, startTwoFactor } from '@/lib/services/users/two-factor';

export const startTwoFactorAction = formAction({
  form: z.object({}),
  run: (ctx) => startTwoFactor({ ctx }),
});

/** The recovery codes come back once, in the message, one per line. */
export const confirmTwoFactorAction = formAction({
  form: confirmTwoFactorInput,
  run: (ctx, input) => confirmTwoFactor({ ctx, input }),
  done: (result, _, locale) => ({
    message: `${t(locale, 'auth')('twoFactor.recoveryCodes')}\n${result.recoveryCodes.join('\n')}`,
  }),
});
