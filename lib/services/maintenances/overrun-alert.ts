import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../../db/client';
import { pages, users } from '../../../db/schema';
import { env } from '../../env';
import { formatDateTime } from '../../i18n/format';
import { t } from '../../i18n/messages';
import { sendSystemMail } from '../../channels/system-mail';
import type { MaintenanceRow } from '../../maintenance/notices';

export type AdminMail = { to: string; subject: string; text: string };

/** One mail per enabled admin and operator (those who can complete it), in their own language. */
export async function composeOverrunAlerts(tx: DbOrTx, m: MaintenanceRow, now: Date): Promise<AdminMail[]> {
  const [admins, [page]] = await Promise.all([
    tx
      .select({ email: users.email, locale: users.locale })
      .from(users)
      .where(and(inArray(users.role, ['admin', 'operator']), isNull(users.disabledAt))),
    tx.select({ timeZone: pages.timeZone, publicUrl: pages.publicUrl }).from(pages).where(eq(pages.id, m.pageId)),
  ]);
  const base = (page?.publicUrl ?? env().PUBLIC_BASE_URL ?? '').replace(/\/$/, '');
  const timeZone = page?.timeZone ?? 'Asia/Tokyo';
  const minutesOver = Math.max(0, Math.floor((now.getTime() - m.scheduledEnd.getTime()) / 60_000));
  return admins.map((admin) => {
    const tr = t(admin.locale, 'maintenance');
    const title = admin.locale === 'en' && m.titleEn ? m.titleEn : m.title;
    return {
      to: admin.email,
      subject: tr('overrunMail.subject', { title }),
      text: tr('overrunMail.text', {
        title,
        end: formatDateTime(m.scheduledEnd, admin.locale, timeZone),
        minutes: minutesOver,
        url: `${base}/admin/maintenance/${m.id}`,
      }),
    };
  });
}

/**
 * Sent after the overrun mark is committed (through the console's system mail: SMTP when
 * configured, else the dev mailbox), so a retry never mails twice; a failure is logged.
 */
export async function sendOverrunAlerts(db: Db, mails: AdminMail[]): Promise<void> {
  const results = await sendSystemMail(db, mails).catch((error: unknown) =>
    mails.map((m) => ({ to: m.to, sent: false, error: String(error) })),
  );
  for (const r of results)
    if (!r.sent) console.error(`maintenance overrun alert to ${r.to} failed: ${r.error ?? 'unknown error'}`);
}
