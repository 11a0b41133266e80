'use server';
import { publicFormAction } from '@/lib/actions/action';
import { createSession } from '@/lib/services/sessions/sessions';
import { requestAddress, setSessionCookie } from '@/lib/auth/request';
import { getDb } from '@/lib/db';
import { requestLocale } from '@/lib/i18n/server';
import { acceptInvitation, acceptInvitationInput } from '@/lib/services/users/accept-invitation';

export const acceptInvitationAction = publicFormAction({
  form: acceptInvitationInput.omit({ locale: true }),
  run: async (input) => {
    const db = await getDb();
    const { userId } = await acceptInvitation(db, { ...input, locale: await requestLocale() });
    const session = await createSession(db, { userId, ip: await requestAddress(), now: new Date() });
    await setSessionCookie(session.token, session.expiresAt);
  },
  done: () => ({ redirectTo: '/admin' }),
});
