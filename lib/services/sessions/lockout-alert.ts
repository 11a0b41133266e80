import { and, eq, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client';
import { users } from '../../../db/schema';
import { env } from '../../env';
import { formatDateTime } from '../../i18n/format';
import { t } from '../../i18n/messages';
import { enqueueSystemMail } from '../../channels/system-outbox';

/**
 * Tells every active admin, each in their own language, that an account is under repeated
 * failed sign-ins and now slowed (the seed SLA promises these reports by email). Queued in the
 * caller's transaction, sent by the dispatcher: the failing request does not wait for it.
 */
export async function queueLockoutAlert(
  tx: DbOrTx,
  event: { email: string; ip: string; at: Date; failures: number },
): Promise<void> {
  const admins = await tx
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
    };
    return { to: admin.email, subject: tr('lockoutMail.subject', values), text: tr('lockoutMail.body', values) };
  });
  await enqueueSystemMail(tx, mails, event.at);
}
