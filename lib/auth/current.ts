import 'server-only';
import { cache } from 'react';
import { redirect } from 'next/navigation';
import { getDb } from '../db';
import type { Role } from '../domain/statuses';
import type { ServiceContext } from '../services/context';
import { findSessionUser, userActor, type SessionUser } from '../services/sessions/sessions';
import { readSessionToken } from './request';
import { adminTwoFactorRequired } from '../services/sessions/two-factor-policy';

/** `mustEnrolTwoFactor`: an admin without two-factor while the operator requires it acts as a viewer until enrolled. */
export type Signed = { user: SessionUser & { mustEnrolTwoFactor: boolean }; ctx: ServiceContext };

export const TWO_FACTOR_PAGE = '/admin/account/two-factor';

/** The signed-in user for this request (read once per render), or null. */
export const currentSession = cache(async (): Promise<Signed | null> => {
  const db = await getDb();
  const found = await findSessionUser(db, await readSessionToken(), new Date());
  if (!found) return null;
  const mustEnrolTwoFactor = found.role === 'admin' && !found.twoFactor && (await adminTwoFactorRequired(db));
  const user = { ...found, role: mustEnrolTwoFactor ? ('viewer' as const) : found.role, mustEnrolTwoFactor };
  return { user, ctx: { db, actor: userActor(user) } };
});

/** For console pages: sends anyone without a session to sign in, and anyone without the role to the dashboard. */
export async function requireSession(roles?: readonly Role[]): Promise<Signed> {
  const session = await currentSession();
  if (!session) redirect('/admin/sign-in');
  if (roles && !roles.includes(session.user.role))
    redirect(session.user.mustEnrolTwoFactor ? TWO_FACTOR_PAGE : '/admin?denied=1');
  return session;
}
