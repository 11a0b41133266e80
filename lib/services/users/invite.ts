import { and, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { invitations, users } from '../../../db/schema';
import { randomToken, tokenDigest } from '../../security/tokens';
import { normalizeEmail } from '../sessions/sign-in';
import { ROLES } from '../../domain/statuses';
import { ServiceError } from '../../errors';
import { env } from '../../env';
import { formatDateTime } from '../../i18n/format';
import { t } from '../../i18n/messages';
import { sendSystemMail } from '../../channels/system-mail';
import { writeAudit } from '../audit/write';
import { ADMINS, nowOf, requireRole, withTransaction, type ServiceContext } from '../context';
import { parseInput } from '../parse-input';

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export const inviteUserInput = z.object({
  email: z.email().max(254).transform(normalizeEmail),
  role: z.enum(ROLES),
  /** Language of the invitation mail and the new account. */
  locale: z.enum(['ja', 'en']).default('ja'),
});
export type InviteUserInput = z.input<typeof inviteUserInput>;

/**
 * Invites someone by email: a link with a random token (only its hash is stored) that lets them
 * set a password within 7 days. A new invitation to the same address replaces the old one.
 */
export async function inviteUser({ ctx, input, siteUrl }: { ctx: ServiceContext; input: InviteUserInput; siteUrl: string }) {
  requireRole(ctx, ADMINS);
  const fields = parseInput(inviteUserInput, input);
  const now = nowOf(ctx);
  const token = randomToken();
  const expiresAt = new Date(now.getTime() + INVITATION_TTL_MS);
  await withTransaction(ctx, async (tx) => {
    const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.email, fields.email));
    if (existing) throw new ServiceError('conflict', 'email_taken', { email: ['email_taken'] });
    await tx.delete(invitations).where(and(eq(invitations.email, fields.email), isNull(invitations.acceptedAt)));
    await tx.insert(invitations).values({
      tokenHash: tokenDigest(token),
      email: fields.email,
      role: fields.role,
      invitedBy: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
      expiresAt,
      createdAt: now,
    });
    await writeAudit(tx, ctx.actor, {
      action: 'user.invite',
      entityType: 'invitation',
      entityId: fields.email,
      after: { email: fields.email, role: fields.role, expiresAt },
      at: now,
    });
  });

  const tr = t(fields.locale, 'auth');
  const values = {
    inviter: ctx.actor.kind === 'user' ? ctx.actor.email : 'Shirase',
    role: t(fields.locale, 'admin')(`roles.${fields.role}`),
    expires: formatDateTime(expiresAt, fields.locale, env().TZ_DISPLAY),
    link: `${siteUrl.replace(/\/+$/, '')}/admin/invitations/${token}`,
  };
  const [result] = await sendSystemMail(ctx.db, {
    to: fields.email,
    subject: tr('invitationMail.subject', values),
    text: tr('invitationMail.body', values),
  });
  if (!result?.sent) console.error(`invitation mail to ${fields.email} failed: ${result?.error ?? 'unknown error'}`);
  return { email: fields.email, expiresAt, mailed: Boolean(result?.sent) };
}
