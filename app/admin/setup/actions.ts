'use server';
import { publicFormAction } from '@/lib/actions/action';
import { setupFirstAdmin, setupInput } from '@/lib/services/users/first-admin';
import { createSession } from '@/lib/services/sessions/sessions';
import { requestAddress, setSessionCookie } from '@/lib/auth/request';
import { getDb } from '@/lib/db';

export const setupAction = publicFormAction({
  namespace: 'firstday',
  form: setupInput,
  run: async (input) => {
    const db = await getDb();
    const { userId } = await setupFirstAdmin(db, input);
    const session = await createSession(db, { userId, ip: await requestAddress(), now: new Date() });
    await setSessionCookie(session.token, session.expiresAt);
  },
  done: () => ({ redirectTo: '/admin' }),
});
