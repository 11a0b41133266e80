import { and, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { invitations } from '../../../db/schema';
import { ServiceError } from '../../errors';
import { writeAudit } from '../audit/write';
import { ADMINS, nowOf, requireRole, withTransaction, type ServiceContext } from '../context';
import { parseInput } from '../parse-input';

export const revokeInvitationInput = z.object({ email: z.email().max(254) });
export type RevokeInvitationInput = z.input<typeof revokeInvitationInput>;

/** Makes the pending invitation link for an address stop working. */
export async function revokeInvitation({ ctx, input }: { ctx: ServiceContext; input: RevokeInvitationInput }) {
  requireRole(ctx, ADMINS);
  const { email } = parseInput(revokeInvitationInput, input);
  const now = nowOf(ctx);
  return withTransaction(ctx, async (tx) => {
    const removed = await tx
      .delete(invitations)
      .where(and(eq(invitations.email, email), isNull(invitations.acceptedAt)))
      .returning({ role: invitations.role, expiresAt: invitations.expiresAt });
    if (removed.length === 0) throw new ServiceError('not_found', 'invitation_not_found');
    await writeAudit(tx, ctx.actor, {
      action: 'user.revoke_invitation',
      entityType: 'invitation',
      entityId: email,
      before: { email, role: removed[0].role, expiresAt: removed[0].expiresAt },
      at: now,
    });
    return { email };
  });
}
