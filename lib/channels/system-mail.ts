import { randomUUID } from 'node:crypto';
import type { DbOrTx } from '../../db/client';
import { env } from '../env';
import { devMailboxStoreSender } from './dev-mailbox-store';
import { createSmtpEmailSender } from './email';
import type { ChannelSender } from './types';

// Mail to operators (lock-out alerts, invitations, overrun alerts), sent through the same
// email senders as subscriber notices: pooled SMTP when SMTP_URL is set, else the dev mailbox.

export type SystemMail = { to: string; subject: string; text: string; html?: string };
export type SystemMailResult = { to: string; sent: boolean; error?: string };

const SMTP_KEY = Symbol.for('shirase.systemMailSmtp');
type Holder = { [SMTP_KEY]?: { url: string; sender: ChannelSender } };

/** One pooled transport per process, reused by every system mail. */
function smtpSender(url: string, from: string): ChannelSender {
  const holder = globalThis as Holder;
  if (holder[SMTP_KEY]?.url !== url)
    holder[SMTP_KEY] = { url, sender: createSmtpEmailSender({ smtpUrl: url, from, maxConnections: 2, timeoutMs: 15_000 }) };
  return holder[SMTP_KEY].sender;
}

/** Never throws for a delivery problem: each recipient gets a result the caller can log. */
export async function sendSystemMail(
  db: DbOrTx,
  mail: SystemMail | SystemMail[],
  options: { smtpUrl?: string; from?: string } = {},
): Promise<SystemMailResult[]> {
  const mails = Array.isArray(mail) ? mail : [mail];
  if (mails.length === 0) return [];
  const config = env();
  const from = options.from ?? config.MAIL_FROM;
  const smtpUrl = options.smtpUrl ?? config.SMTP_URL;
  const sender = smtpUrl ? smtpSender(smtpUrl, from) : devMailboxStoreSender(db, from);
  const results = await sender.send({
    batchKey: randomUUID(),
    message: { subject: mails[0].subject, text: mails[0].text },
    recipients: mails.map((m, index) => ({
      recipientId: String(index),
      address: m.to,
      message: { subject: m.subject, text: m.text, html: m.html },
    })),
  });
  return results.map((r) => ({
    to: mails[Number(r.recipientId)].to,
    sent: r.outcome === 'sent',
    ...(r.error ? { error: r.error } : {}),
  }));
}
