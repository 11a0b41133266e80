import { count, desc, eq } from 'drizzle-orm';
import { devMailbox } from '../../../db/schema';
import { ServiceError } from '../../errors';
import { ADMINS, requireRole, type ServiceContext } from '../context';

export const MAILBOX_PAGE_SIZE = 30;

/** Mail kept instead of sent (SMTP_URL unset), newest first; admins only, since it holds links with tokens. */
export async function listDevMailbox({ ctx, input }: { ctx: ServiceContext; input: { page?: number } }) {
  requireRole(ctx, ADMINS);
  const page = Math.max(1, Math.floor(input.page ?? 1));
  const [rows, [{ total }]] = await Promise.all([
    ctx.db
      .select({ id: devMailbox.id, to: devMailbox.to, subject: devMailbox.subject, createdAt: devMailbox.createdAt })
      .from(devMailbox)
      .orderBy(desc(devMailbox.id))
      .limit(MAILBOX_PAGE_SIZE)
      .offset((page - 1) * MAILBOX_PAGE_SIZE),
    ctx.db.select({ total: count() }).from(devMailbox),
  ]);
  return { messages: rows, total, page, pages: Math.max(1, Math.ceil(total / MAILBOX_PAGE_SIZE)) };
}

export async function getDevMailboxMessage({ ctx, input }: { ctx: ServiceContext; input: { id: number } }) {
  requireRole(ctx, ADMINS);
  if (!Number.isSafeInteger(input.id) || input.id < 1) throw new ServiceError('not_found', 'mail_not_found');
  const [row] = await ctx.db
    .select({
      id: devMailbox.id,
      to: devMailbox.to,
      subject: devMailbox.subject,
      text: devMailbox.text,
      headers: devMailbox.headers,
      createdAt: devMailbox.createdAt,
    })
    .from(devMailbox)
    .where(eq(devMailbox.id, input.id));
  if (!row) throw new ServiceError('not_found', 'mail_not_found');
  return row;
}
