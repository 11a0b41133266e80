import { createHmac, timingSafeEqual } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { subscribers } from '../../db/schema';
import { isServiceError } from '../errors';
import { leaveChatworkRoom } from '../services/subscribers/leave-chatwork-room';
import type { PublicContext } from '../services/subscribers/shared';
import type { WebhookAnswer } from './line-webhook';
import { claimWebhookEvent } from './webhook-events';

// POST /api/webhooks/chatwork: the service account's webhook. Chatwork reports membership
// changes as a system message in the room ("[dtext:chatroom_member_is]…[dtext:chatroom_deleted]"
// or "…_leaved]"). Such a message for a subscribed room makes Shirase ask the API whether the
// account can still see the room; if not, that subscriber stops. The signature (HMAC-SHA256
// keyed with the base64-decoded webhook token) is checked on the raw bytes first.

const payloadSchema = z.object({
  webhook_setting_id: z.string().regex(/^\w{1,64}$/),
  webhook_event_type: z.string().regex(/^\w{1,64}$/),
  webhook_event_time: z.number().int().positive().max(8.64e12),
  webhook_event: z.object({
    message_id: z
      .string()
      .regex(/^\w{1,64}$/)
      .optional(),
    room_id: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
    body: z.string().max(65_535).optional(),
    update_time: z.number().int().nonnegative().optional(),
  }),
});

const MEMBERS_LEFT = /\[dtext:chatroom_member_is\][\s\S]*?\[dtext:chatroom_(?:deleted|leaved)\]/;

/** Whether the account can still see the room: a 403/404 from the API means it was removed. */
export type RoomAccessCheck = (roomId: string) => Promise<'member' | 'gone' | 'unknown'>;

export function signatureMatches(rawBody: Buffer, signature: string | null, webhookToken: string): boolean {
  if (!signature) return false;
  const expected = createHmac('sha256', Buffer.from(webhookToken, 'base64')).update(rawBody).digest();
  const given = Buffer.from(signature, 'base64');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export async function handleChatworkWebhook(input: {
  ctx: PublicContext;
  rawBody: Buffer;
  signature: string | null;
  webhookToken: string | undefined;
  roomAccess: RoomAccessCheck | undefined;
}): Promise<WebhookAnswer> {
  if (!input.webhookToken) return { status: 404, body: { message: 'Chatwork webhook is not configured' } };
  if (!signatureMatches(input.rawBody, input.signature, input.webhookToken))
    return { status: 401, body: { message: 'invalid signature' } };
  let payload: z.infer<typeof payloadSchema>;
  try {
    payload = payloadSchema.parse(JSON.parse(input.rawBody.toString('utf8')));
  } catch {
    return { status: 400, body: { message: 'body is not a Chatwork webhook payload' } };
  }
  const event = payload.webhook_event;
  const roomId = String(event.room_id);
  if (!MEMBERS_LEFT.test(event.body ?? '') || !input.roomAccess) return { status: 200, body: {} };
  const eventId = [
    payload.webhook_setting_id,
    payload.webhook_event_type,
    roomId,
    event.message_id ?? '',
    event.update_time ?? 0,
  ].join(':');
  const claim = {
    source: 'chatwork' as const,
    eventId,
    subject: roomId,
    occurredAt: new Date(payload.webhook_event_time * 1000),
  };
  if ((await claimWebhookEvent(input.ctx.db, claim, input.ctx.now?.())) !== 'new') return { status: 200, body: {} };
  const [subscribed] = await input.ctx.db
    .select({ id: subscribers.id })
    .from(subscribers)
    .where(and(eq(subscribers.channel, 'chatwork'), eq(subscribers.address, roomId)))
    .limit(1);
  // Another member left a room we post to: the API call is spent only on subscribed rooms.
  if (!subscribed || (await input.roomAccess(roomId)) !== 'gone') return { status: 200, body: {} };
  try {
    await leaveChatworkRoom({ ctx: input.ctx, roomId });
  } catch (error) {
    if (!isServiceError(error)) throw error;
  }
  return { status: 200, body: {} };
}

/** GET /v2/rooms/{room_id}/members with the service account's token. */
export function chatworkRoomAccess(config: { apiToken: string; baseUrl: string }): RoomAccessCheck {
  const base = config.baseUrl.replace(/\/+$/, '');
  return async (roomId) => {
    try {
      const response = await fetch(`${base}/v2/rooms/${roomId}/members`, {
        headers: { 'x-chatworktoken': config.apiToken, accept: 'application/json' },
        signal: AbortSignal.timeout(10_000),
      });
      await response.arrayBuffer();
      if (response.ok) return 'member';
      return response.status === 403 || response.status === 404 ? 'gone' : 'unknown';
    } catch {
      return 'unknown';
    }
  };
}
