import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { users } from '../../db/schema';
import { env } from '../env';
import { formatDateTime } from '../i18n/format';
import { t } from '../i18n/messages';
import { sendSystemMail } from '../mail/system-mail';

/**
 * Tells every active admin, each in their own language, that an account was locked after
 * repeated failed sign-ins (the seed SLA promises these reports by email). Sent after the
 * lock is committed; a mail failure is logged and never undoes the lock.
 */
export async function alertAdminsOfLockout(db: Db, event: { email: string; ip: string; at: Date; lockedUntil: Date; failures: number }): Promise<void> {
  const admins = await db
    .select({ email: users.email, locale: users.locale })
    .from(users)
    .where(and(eq(users.role, 'admin'), isNull(users.disabledAt)));
  const zone = env().TZ_DISPLAY;
  const mails = admins.map((admin) => {
    const tr = t(admin.locale, 'auth');
    const values = {
      email: event.email,
      ip: event.ip,
      failures: event.failures,
      at: formatDateTime(event.at, admin.locale, zone),
      until: formatDateTime(event.lockedUntil, admin.locale, zone),
    };
    return { to: admin.email, subject: tr('lockoutMail.subject', values), text: tr('lockoutMail.body', values) };
  });
  const results = await sendSystemMail(db, mails).catch((error: unknown) => mails.map((m) => ({ to: m.to, sent: false, error: String(error) })));
  for (const r of results) if (!r.sent) console.error(`lock-out alert to ${r.to} failed: ${r.error ?? 'unknown error'}`);
}
