import { createHmac } from 'node:crypto';

// What Chatwork sends to a webhook: a JSON body signed with the webhook token.

/** X-ChatWorkWebhookSignature: base64 HMAC-SHA256 of the raw body, keyed with the base64-decoded token. */
export function signChatworkBody(body: string | Buffer, webhookTokenBase64: string): string {
  return createHmac('sha256', Buffer.from(webhookTokenBase64, 'base64')).update(body).digest('base64');
}

export interface ChatworkWebhookPayload {
  webhook_setting_id: string;
  webhook_event_type: 'message_created' | 'message_updated' | 'mention_to_me';
  webhook_event_time: number;
  webhook_event: {
    message_id: string;
    room_id: number;
    account_id: number;
    body: string;
    send_time: number;
    update_time: number;
  };
}

export function chatworkMessageCreated(roomId: number, accountId: number, body: string): ChatworkWebhookPayload {
  const now = Math.floor(Date.now() / 1000);
  return {
    webhook_setting_id: '1',
    webhook_event_type: 'message_created',
    webhook_event_time: now,
    webhook_event: { message_id: String(now), room_id: roomId, account_id: accountId, body, send_time: now, update_time: 0 },
  };
}

/** Posts a signed payload to a webhook URL; pass `signature` to send a wrong one. */
export async function postChatworkWebhook(
  url: string,
  webhookTokenBase64: string,
  payload: ChatworkWebhookPayload,
  signature?: string,
): Promise<Response> {
  const body = JSON.stringify(payload);
  return fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-chatworkwebhooksignature': signature ?? signChatworkBody(body, webhookTokenBase64),
    },
    body,
  });
}
