import { and, eq, gt, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, DbOrTx } from '../../../db/client';
import { invitations, users } from '../../../db/schema';
import { hashPassword, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../../security/password';
import { tokenDigest } from '../../security/tokens';
import type { Role } from '../../domain/statuses';
import { ServiceError } from '../../errors';
import { writeAudit } from '../audit/write';
import { parseInput } from '../parse-input';

export const acceptInvitationInput = z.object({
  token: z.string().min(20).max(200),
  name: z.string().trim().max(100).default(''),
  password: z.string().min(PASSWORD_MIN_LENGTH).max(PASSWORD_MAX_LENGTH),
  locale: z.enum(['ja', 'en']).default('ja'),
});
export type AcceptInvitationInput = z.input<typeof acceptInvitationInput>;

/** The invitation behind a link, if it can still be used (for the page that shows the form). */
export async function findOpenInvitation(
  db: DbOrTx,
  token: string,
  now = new Date(),
): Promise<{ email: string; role: Role } | null> {
  if (token.length < 20 || token.length > 200) return null;
  const [row] = await db
    .select({ email: invitations.email, role: invitations.role })
    .from(invitations)
    .where(and(eq(invitations.tokenHash, tokenDigest(token)), isNull(invitations.acceptedAt), gt(invitations.expiresAt, now)));
  return row ?? null;
}

/** Used before signing in: the link's token is the authority, and it works once. */
export async function acceptInvitation(db: Db, raw: AcceptInvitationInput, now = new Date()): Promise<{ userId: string }> {
  const input = parseInput(acceptInvitationInput, raw);
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const [invitation] = await tx
      .select()
      .from(invitations)
      .where(eq(invitations.tokenHash, tokenDigest(input.token)))
      .for('update');
    if (!invitation || invitation.acceptedAt || invitation.expiresAt <= now)
      throw new ServiceError('not_found', 'invitation_invalid');
    const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.email, invitation.email));
    if (existing) throw new ServiceError('conflict', 'email_taken');
    const [user] = await tx
      .insert(users)
      .values({
        email: invitation.email,
        name: input.name,
        role: invitation.role,
        locale: input.locale,
        passwordHash,
        createdAt: now,
      })
      .returning({ id: users.id });
    await tx.update(invitations).set({ acceptedAt: now }).where(eq(invitations.tokenHash, invitation.tokenHash));
    await writeAudit(
      tx,
      { kind: 'user', userId: user.id, email: invitation.email, role: invitation.role },
      {
        action: 'user.accept_invitation',
        entityType: 'user',
        entityId: user.id,
        after: { email: invitation.email, role: invitation.role, name: input.name },
        at: now,
      },
    );
    return { userId: user.id };
  });
}
