import { and, asc, desc, eq, gt, isNull, max } from 'drizzle-orm';
import { invitations, loginAttempts, users } from '../../../db/schema';
import { isSlowed } from '../sessions/login-limits';
import { ADMINS, nowOf, requireRole, type ServiceContext } from '../context';

/** Users and open invitations for the admin's user page (never password hashes or tokens). */
export async function listUsers({ ctx }: { ctx: ServiceContext }) {
  requireRole(ctx, ADMINS);
  const now = nowOf(ctx);
  const [userRows, lastSignIns, pending] = await Promise.all([
    ctx.db
      .select({
        id: users.id,
        email: users.email,
        name: users.name,
        role: users.role,
        locale: users.locale,
        disabledAt: users.disabledAt,
        totpEnabledAt: users.totpEnabledAt,
        createdAt: users.createdAt,
      })
      .from(users)
      .orderBy(asc(users.createdAt)),
    ctx.db
      .select({ email: loginAttempts.email, at: max(loginAttempts.at) })
      .from(loginAttempts)
      .where(eq(loginAttempts.succeeded, true))
      .groupBy(loginAttempts.email),
    ctx.db
      .select({
        email: invitations.email,
        role: invitations.role,
        expiresAt: invitations.expiresAt,
        createdAt: invitations.createdAt,
      })
      .from(invitations)
      .where(and(isNull(invitations.acceptedAt), gt(invitations.expiresAt, now)))
      .orderBy(desc(invitations.createdAt)),
  ]);
  const lastSignIn = new Map(lastSignIns.map((r) => [r.email, r.at]));
  const slowed = await Promise.all(userRows.map((u) => isSlowed(ctx.db, u.email, now)));
  return {
    users: userRows.map(({ totpEnabledAt, ...u }, i) => ({
      ...u,
      twoFactor: totpEnabledAt !== null,
      slowed: slowed[i],
      lastSignInAt: lastSignIn.get(u.email) ?? null,
    })),
    invitations: pending,
  };
}
