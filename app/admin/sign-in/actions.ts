'use server';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { publicFormAction } from '@/lib/actions/action';
import { signIn } from '@/lib/auth/sign-in';
import { deleteSession } from '@/lib/auth/sessions';
import { clearSessionCookie, readSessionToken, requestAddress, setSessionCookie } from '@/lib/auth/request';
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
    if (!result.ok) throw new ServiceError('unauthorized', result.reason === 'throttled' ? 'sign_in_throttled' : 'sign_in_failed');
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
