import { randomUUID } from 'node:crypto';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { operatorAlertPreferences, users } from '../../../db/schema';
import { env } from '../../env';
import { formatDateTime } from '../../i18n/format';
import type { Locale } from '../../i18n/locales';
import { t } from '../../i18n/messages';
import { sendSystemMail } from '../../channels/system-mail';
import { publicBaseUrl } from '../../notices/links';
import { notifyChannels } from '../../channels/senders';
import type { ChannelSender } from '../../channels/types';

// Monitor alerts go to the people running the service (admins and operators), never to
// subscribers: by email unless they turned it off, and to their own LINE user or Chatwork
// room when they gave one. Sent after the state change committed; a failure is logged.

export type MonitorEvent = {
  kind: 'down' | 'up' | 'tls';
  monitorId: string;
  monitorName: string;
  componentName: string | null;
  at: Date;
  error: string | null;
  incidentId: string | null;
  incidentResolved?: boolean;
};

type Recipient = { email: string; locale: Locale; wantsEmail: boolean; lineUserId: string | null; chatworkRoomId: string | null };

async function recipients(db: Db): Promise<Recipient[]> {
  const rows = await db
    .select({
      email: users.email,
      locale: users.locale,
      wantsEmail: operatorAlertPreferences.email,
      lineUserId: operatorAlertPreferences.lineUserId,
      chatworkRoomId: operatorAlertPreferences.chatworkRoomId,
    })
    .from(users)
    .leftJoin(operatorAlertPreferences, eq(operatorAlertPreferences.userId, users.id))
    .where(and(inArray(users.role, ['admin', 'operator']), isNull(users.disabledAt)));
  return rows.map((r) => ({ ...r, wantsEmail: r.wantsEmail ?? true }));
}

export function composeMonitorAlert(event: MonitorEvent, locale: Locale): { subject: string; text: string } {
  const tr = t(locale, 'monitors');
  const base = publicBaseUrl().replace(/\/$/, '');
  const values = {
    monitor: event.monitorName,
    component: event.componentName ?? '-',
    at: formatDateTime(event.at, locale, env().TZ_DISPLAY),
    error: event.error ?? '-',
    url: `${base}/admin/monitors/${event.monitorId}`,
    incident: event.incidentId ? `${base}/admin/incidents/${event.incidentId}` : '-',
  };
  const key = event.kind === 'up' && !event.incidentResolved && event.incidentId ? 'upProposal' : event.kind;
  return { subject: tr(`alert.${event.kind}.subject`, values), text: tr(`alert.${key}.text`, values) };
}

async function sendChat(sender: ChannelSender | undefined, targets: { address: string; locale: Locale }[], event: MonitorEvent) {
  if (!sender || targets.length === 0) return;
  for (const locale of ['ja', 'en'] as const) {
    const group = targets.filter((r) => r.locale === locale);
    if (group.length === 0) continue;
    const { subject, text } = composeMonitorAlert(event, locale);
    const results = await sender.send({
      batchKey: randomUUID(),
      message: { text: `${subject}\n${text}` },
      recipients: group.map((r, index) => ({ recipientId: String(index), address: r.address })),
    });
    for (const r of results)
      if (r.outcome !== 'sent') console.error(`monitor alert via ${sender.channel} failed: ${r.error ?? r.reason ?? 'unknown'}`);
  }
}

export async function alertOperators(db: Db, event: MonitorEvent): Promise<void> {
  const people = await recipients(db);
  const mails = people.filter((p) => p.wantsEmail).map((p) => ({ to: p.email, ...composeMonitorAlert(event, p.locale) }));
  const senders = notifyChannels(db).senders;
  await Promise.all([
    sendSystemMail(db, mails).then((results) => {
      for (const r of results) if (!r.sent) console.error(`monitor alert to ${r.to} failed: ${r.error ?? 'unknown error'}`);
    }),
    sendChat(
      senders.line,
      people.filter((p) => p.lineUserId).map((p) => ({ address: p.lineUserId!, locale: p.locale })),
      event,
    ),
    sendChat(
      senders.chatwork,
      people.filter((p) => p.chatworkRoomId).map((p) => ({ address: p.chatworkRoomId!, locale: p.locale })),
      event,
    ),
  ]);
}
