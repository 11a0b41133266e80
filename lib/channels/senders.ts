import { messagingApi } from '@line/bot-sdk';
import type { Db } from '../../db/client';
import type { Channel } from '../domain/statuses';
import { env } from '../env';
import { createChatworkSender } from './chatwork';
import { devMailboxStoreSender } from './dev-mailbox-store';
import { createSmtpEmailSender } from './email';
import { createLineSender } from './line';
import { truncateLineText } from './line-text';
import { createSlackSender } from './slack';
import { createWebhookSender } from './webhook';
import type { ChannelSender } from './types';

// The process's senders, built once from the configuration. The dispatcher and the subscribe
// flows (Chatwork codes, LINE replies) share them, so one Chatwork limiter paces every post
// this process makes. Kept on globalThis: the custom server and Next's bundle load this twice.

/** Answers a LINE webhook event through its reply token (free, not counted against the quota). */
export type LineReplier = (replyToken: string, text: string) => Promise<void>;

export interface NotifyChannels {
  senders: Partial<Record<Channel, ChannelSender>>;
  lineReply?: LineReplier;
  /** One line per channel for the start-up log: where messages go, or why they do not. */
  describe(): string[];
  close(): Promise<void>;
}

const KEY = Symbol.for('shirase.notifyChannels');
type Holder = { [KEY]?: NotifyChannels };

export function notifyChannels(db: Db): NotifyChannels {
  const holder = globalThis as Holder;
  holder[KEY] ??= channelsFromEnv(db);
  return holder[KEY];
}

function channelsFromEnv(db: Db): NotifyChannels {
  const config = env();
  const senders: Partial<Record<Channel, ChannelSender>> = {};
  const lines: string[] = [];

  if (config.SMTP_URL) {
    senders.email = createSmtpEmailSender({ smtpUrl: config.SMTP_URL, from: config.MAIL_FROM });
    lines.push(`Email: SMTP pool to ${new URL(config.SMTP_URL).host}`);
  } else {
    senders.email = devMailboxStoreSender(db, config.MAIL_FROM);
    lines.push('Email: SMTP_URL is not set, so mail is kept in the dev mailbox (console → Dev mailbox) instead of being sent.');
  }

  let lineReply: LineReplier | undefined;
  if (config.LINE_CHANNEL_ACCESS_TOKEN && config.LINE_CHANNEL_SECRET) {
    senders.line = createLineSender({ channelAccessToken: config.LINE_CHANNEL_ACCESS_TOKEN, baseUrl: config.LINE_API_BASE_URL });
    const client = new messagingApi.MessagingApiClient({
      channelAccessToken: config.LINE_CHANNEL_ACCESS_TOKEN,
      baseURL: config.LINE_API_BASE_URL,
    });
    lineReply = async (replyToken, text) => {
      await client.replyMessage({ replyToken, messages: [{ type: 'text', text: truncateLineText(text) }] });
    };
    lines.push(`LINE: Messaging API at ${config.LINE_API_BASE_URL}`);
  } else {
    lines.push('LINE: off (set LINE_CHANNEL_ACCESS_TOKEN and LINE_CHANNEL_SECRET to enable).');
  }

  if (config.CHATWORK_API_TOKEN) {
    senders.chatwork = createChatworkSender({ apiToken: config.CHATWORK_API_TOKEN, baseUrl: config.CHATWORK_API_BASE_URL });
    lines.push(`Chatwork: API at ${config.CHATWORK_API_BASE_URL}`);
  } else {
    lines.push('Chatwork: off (set CHATWORK_API_TOKEN to enable).');
  }

  const allowPrivate = config.WEBHOOK_ALLOW_PRIVATE === 'true';
  senders.webhook = createWebhookSender({ allowPrivate });
  lines.push(`Webhooks: on${allowPrivate ? ' (private endpoints allowed)' : ''}`);
  senders.slack = createSlackSender({ baseUrl: config.SLACK_WEBHOOK_BASE_URL });
  lines.push(`Slack: incoming webhooks under ${config.SLACK_WEBHOOK_BASE_URL}`);

  return {
    senders,
    lineReply,
    describe: () => lines,
    close: async () => {
      await Promise.all(Object.values(senders).map((s) => s?.close()));
    },
  };
}
