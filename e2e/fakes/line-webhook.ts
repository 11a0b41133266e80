import { createHmac, randomUUID } from 'node:crypto';

// What LINE sends to a webhook: signed JSON bodies with follow / unfollow / message events.
// Tests post these to /api/webhooks/line the way the LINE platform would.

/** x-line-signature: base64 HMAC-SHA256 of the raw body, keyed with the channel secret. */
export function signLineBody(body: string | Buffer, channelSecret: string): string {
  return createHmac('sha256', channelSecret).update(body).digest('base64');
}

interface EventBase {
  webhookEventId: string;
  timestamp: number;
  mode: 'active';
  deliveryContext: { isRedelivery: boolean };
  source: { type: 'user'; userId: string };
}

export type LineWebhookEvent =
  | (EventBase & { type: 'follow'; replyToken: string; follow: { isUnblocked: boolean } })
  | (EventBase & { type: 'unfollow' })
  | (EventBase & {
      type: 'message';
      replyToken: string;
      message: { id: string; type: 'text'; text: string; quoteToken: string };
    });

function base(userId: string): EventBase {
  return {
    webhookEventId: randomUUID().replaceAll('-', '').toUpperCase().slice(0, 26),
    timestamp: Date.now(),
    mode: 'active',
    deliveryContext: { isRedelivery: false },
    source: { type: 'user', userId },
  };
}

export function followEvent(userId: string, replyToken = randomUUID().replaceAll('-', '')): LineWebhookEvent {
  return { ...base(userId), type: 'follow', replyToken, follow: { isUnblocked: false } };
}

export function unfollowEvent(userId: string): LineWebhookEvent {
  return { ...base(userId), type: 'unfollow' };
}

export function textMessageEvent(userId: string, text: string, replyToken = randomUUID().replaceAll('-', '')): LineWebhookEvent {
  const id = String(Date.now());
  return { ...base(userId), type: 'message', replyToken, message: { id, type: 'text', text, quoteToken: `q${id}` } };
}

/** The body LINE posts: the bot's user id as `destination` and a list of events. */
export function lineWebhookBody(events: LineWebhookEvent[], destination = 'U00000000000000000000000000000000'): string {
  return JSON.stringify({ destination, events });
}

/** Posts signed events to a webhook URL; pass `signature` to send a wrong one. */
export async function postLineWebhook(
  url: string,
  channelSecret: string,
  events: LineWebhookEvent[],
  signature?: string,
): Promise<Response> {
  const body = lineWebhookBody(events);
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-line-signature': signature ?? signLineBody(body, channelSecret) },
    body,
  });
}
