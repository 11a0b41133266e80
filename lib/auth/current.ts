import 'server-only';
import { cache } from 'react';
import { redirect } from 'next/navigation';
import { getDb } from '../db';
import type { Role } from '../domain/statuses';
import type { ServiceContext } from '../services/context';
import { findSessionUser, userActor, type SessionUser } from './sessions';
import { readSessionToken } from './request';

export type Signed = { user: SessionUser; ctx: ServiceContext };

/** The signed-in user for this request (read once per render), or null. */
export const currentSession = cache(async (): Promise<Signed | null> => {
  const db = await getDb();
  const user = await findSessionUser(db, await readSessionToken(), new Date());
  return user ? { user, ctx: { db, actor: userActor(user) } } : null;
});

/** For console pages: sends anyone without a session to sign in, and anyone without the role to the dashboard. */
export async function requireSession(roles?: readonly Role[]): Promise<Signed> {
  const session = await currentSession();
  if (!session) redirect('/admin/sign-in');
  if (roles && !roles.includes(session.user.role)) redirect('/admin?denied=1');
  return session;
}
