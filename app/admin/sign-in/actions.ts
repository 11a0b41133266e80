'use server';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { publicFormAction } from '@/lib/actions/action';
import { completeSecondFactor } from '@/lib/services/sessions/second-factor';
import { signIn } from '@/lib/services/sessions/sign-in';
import { deleteSession } from '@/lib/services/sessions/sessions';
import {
  clearSessionCookie,
  readChallengeCookie,
  readSessionToken,
  requestAddress,
  setChallengeCookie,
  setSessionCookie,
} from '@/lib/auth/request';
import { getDb } from '@/lib/db';
import { ServiceError } from '@/lib/errors';
import { requestLocale } from '@/lib/i18n/server';

const signInForm = z.object({
  email: z.string().trim().min(1).max(254),
  password: z.string().min(1).max(1000),
});

export const signInAction = publicFormAction({
  form: signInForm,
  run: async (input) => {
    const result = await signIn(await getDb(), { ...input, ip: await requestAddress(), locale: await requestLocale() });
    // One message for an unknown email and a wrong password alike.
    if (result.kind === 'refused')
      throw new ServiceError('unauthorized', result.reason === 'throttled' ? 'sign_in_throttled' : 'sign_in_failed');
    if (result.kind === 'second-factor') {
      await setChallengeCookie(result.challenge, result.expiresAt);
      return '/admin/sign-in/two-factor';
    }
    await setSessionCookie(result.token, result.expiresAt);
    return '/admin';
  },
  done: (next) => ({ redirectTo: next }),
});

const secondFactorForm = z.object({ code: z.string().trim().min(6).max(20) });

const SECOND_FACTOR_ERRORS = {
  expired: 'two_factor_expired',
  invalid: 'two_factor_failed',
  throttled: 'sign_in_throttled',
} as const;

export const secondFactorAction = publicFormAction({
  form: secondFactorForm,
  run: async ({ code }) => {
    const result = await completeSecondFactor(await getDb(), {
      challenge: await readChallengeCookie(),
      code,
      ip: await requestAddress(),
      locale: await requestLocale(),
    });
    if (result.kind === 'refused') throw new ServiceError('unauthorized', SECOND_FACTOR_ERRORS[result.reason]);
    await setChallengeCookie(null);
    await setSessionCookie(result.token, result.expiresAt);
  },
  done: () => ({ redirectTo: '/admin' }),
});

/** Ends the session on the server, not only in the browser. */
export async function signOutAction(): Promise<void> {
  const token = await readSessionToken();
  if (token) await deleteSession(await getDb(), token);
  await clearSessionCookie();
  redirect('/admin/sign-in?signed-out=1');
}
