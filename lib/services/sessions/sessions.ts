import { and, eq, gt, isNull, lt } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client';
import { sessions, users } from '../../../db/schema';
import type { Role } from '../../domain/statuses';
import type { Actor } from '../context';
import { randomToken, tokenDigest } from '../../security/tokens';

/** Absolute lifetime: a stolen cookie stops working within a day, whatever happens. */
export const SESSION_TTL_MS = 24 * 60 * 60 * 1000;

export type SessionUser = {
  id: string;
  email: string;
  name: string;
  role: Role;
  locale: 'ja' | 'en';
  /** Signs in with a TOTP code as well as the password. */
  twoFactor?: boolean;
};

export async function createSession(
  db: DbOrTx,
  input: { userId: string; ip: string | null; now: Date },
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomToken();
  const expiresAt = new Date(input.now.getTime() + SESSION_TTL_MS);
  await db
    .insert(sessions)
    .values({ tokenHash: tokenDigest(token), userId: input.userId, expiresAt, createdAt: input.now, ip: input.ip });
  // Expired rows are swept here rather than by a timer: sign-ins are rare and cheap.
  await db.delete(sessions).where(lt(sessions.expiresAt, input.now));
  return { token, expiresAt };
}

/** The signed-in user behind a cookie token, re-read each time so role changes and disabling apply at once. */
export async function findSessionUser(db: DbOrTx, token: string | undefined, now: Date): Promise<SessionUser | null> {
  if (!token || token.length > 200) return null;
  const [row] = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      locale: users.locale,
      totpEnabledAt: users.totpEnabledAt,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, tokenDigest(token)), gt(sessions.expiresAt, now), isNull(users.disabledAt)));
  if (!row) return null;
  const { totpEnabledAt, ...user } = row;
  return { ...user, twoFactor: totpEnabledAt !== null };
}

export async function deleteSession(db: DbOrTx, token: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.tokenHash, tokenDigest(token)));
}

export async function deleteUserSessions(db: DbOrTx, userId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.userId, userId));
}

export function userActor(user: SessionUser): Actor {
  return { kind: 'user', userId: user.id, email: user.email, role: user.role };
}
