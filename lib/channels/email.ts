import nodemailer from 'nodemailer';
import type { ChannelSender, Classified, OutboundBatch, OutboundRecipient, SendResult } from './types';
import { composeEmail, InvalidEmailError, type ComposedEmail } from './email-compose';

// Email over a pooled SMTP transport, one message per recipient (each has their own
// unsubscribe headers). Without SMTP, the dev mailbox sender keeps mail where admins can read it.

export interface SmtpEmailConfig {
  /** smtp://[user:pass@]host:port or smtps://… */
  smtpUrl: string;
  from: string;
  maxConnections?: number;
  /** Messages per connection before the pool opens a fresh one. */
  maxMessages?: number;
  /** At most `messages` per `perMs` across the pool (the provider's sending limit). */
  rateLimit?: { messages: number; perMs: number };
  /** Connection, greeting and socket timeouts. */
  timeoutMs?: number;
  /** Most recipients per send(); the pool queues them. */
  maxBatch?: number;
}

export function createSmtpEmailSender(config: SmtpEmailConfig): ChannelSender {
  const timeoutMs = config.timeoutMs ?? 30_000;
  const transport = nodemailer.createTransport({
    url: config.smtpUrl,
    pool: true,
    maxConnections: config.maxConnections ?? 5,
    maxMessages: config.maxMessages ?? 100,
    ...(config.rateLimit ? { rateLimit: config.rateLimit.messages, rateDelta: config.rateLimit.perMs } : {}),
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  });

  const sendOne = async (mail: ComposedEmail, recipientId: string): Promise<SendResult> => {
    try {
      const info = await transport.sendMail(mail);
      return { recipientId, outcome: 'sent', providerMessageId: info.messageId };
    } catch (error) {
      return { recipientId, ...classifySmtpError(error) };
    }
  };

  return {
    channel: 'email',
    maxBatch: config.maxBatch ?? 200,
    send: (batch) =>
      Promise.all(batch.recipients.map((r) => withComposed(batch, r, config.from, (mail) => sendOne(mail, r.recipientId)))),
    close: async () => transport.close(),
  };
}

export interface DevMailboxMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
  headers: Record<string, string>;
}

export interface DevMailboxConfig {
  from: string;
  /** Writes one message (the dev_mailbox table); returns its id. */
  store(message: DevMailboxMessage): Promise<string | number>;
}

export function createDevMailboxSender(config: DevMailboxConfig): ChannelSender {
  const storeOne = async (mail: ComposedEmail, recipientId: string): Promise<SendResult> => {
    try {
      const id = await config.store({
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        headers: { From: mail.from, ...mail.headers },
      });
      return { recipientId, outcome: 'sent', providerMessageId: `dev-mailbox:${id}` };
    } catch {
      return { recipientId, outcome: 'transient', reason: 'provider', error: 'dev mailbox write failed' };
    }
  };
  return {
    channel: 'email',
    maxBatch: 200,
    send: (batch) =>
      Promise.all(batch.recipients.map((r) => withComposed(batch, r, config.from, (mail) => storeOne(mail, r.recipientId)))),
    close: async () => {},
  };
}

async function withComposed(
  batch: OutboundBatch,
  recipient: OutboundRecipient,
  from: string,
  deliver: (mail: ComposedEmail) => Promise<SendResult>,
): Promise<SendResult> {
  try {
    return await deliver(composeEmail(batch.message, recipient, from));
  } catch (error) {
    if (!(error instanceof InvalidEmailError)) throw error;
    return { recipientId: recipient.recipientId, outcome: 'permanent', reason: error.reason, error: error.message };
  }
}

const RECIPIENT_CODES = new Set([550, 551, 553]);
const NETWORK_CODES = new Set(['ECONNECTION', 'ESOCKET', 'EDNS', 'ETLS', 'EPROTOCOL', 'ECONNREFUSED', 'ECONNRESET']);

/** SMTP replies: 4xx try later, 5xx never; a 5xx to RCPT (or 550/551/553) is about the address. */
export function classifySmtpError(error: unknown): Classified & { error: string } {
  const e = error as { responseCode?: number; code?: string; command?: string; response?: string; message?: string };
  const reply = e.response ?? e.message ?? 'SMTP error';
  const summary = reply.replace(/[\r\n]+/g, ' ').slice(0, 200);
  if (typeof e.responseCode === 'number' && e.responseCode >= 400) {
    if (e.responseCode < 500) return { outcome: 'transient', reason: 'provider', error: summary };
    // A refused sender (MAIL FROM) is our configuration, not the subscriber's address.
    if (e.command === 'MAIL FROM') return { outcome: 'transient', reason: 'auth', error: summary };
    const aboutAddress = e.command === 'RCPT TO' || RECIPIENT_CODES.has(e.responseCode);
    return { outcome: 'permanent', reason: aboutAddress ? 'recipient' : 'message', error: summary };
  }
  if (e.code === 'ETIMEDOUT') return { outcome: 'transient', reason: 'timeout', error: summary };
  if (e.code === 'EAUTH' || e.code === 'ENOAUTH') return { outcome: 'transient', reason: 'auth', error: summary };
  if (e.code !== undefined && NETWORK_CODES.has(e.code)) return { outcome: 'transient', reason: 'network', error: summary };
  return { outcome: 'transient', reason: 'provider', error: summary };
}
