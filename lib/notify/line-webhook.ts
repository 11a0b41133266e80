import { validateSignature } from '@line/bot-sdk';
import { z } from 'zod';
import { isServiceError } from '../errors';
import { t } from '../i18n/messages';
import { resolvePage } from '../pages/context';
import { localized } from '../i18n/localized';
import { followLine, lineUserId } from '../services/subscribers/follow-line';
import { lineManageToken } from '../services/subscribers/line-manage-token';
import type { PublicContext } from '../services/subscribers/shared';
import { unfollowLine } from '../services/subscribers/unfollow-line';
import { subscriptionLinks } from '../notices/links';
import type { LineReplier } from '../channels/senders';
import { claimWebhookEvent, forgetOldWebhookEvents, releaseWebhookEvent } from './webhook-events';

// POST /api/webhooks/line: LINE's signed events. The signature is checked on the raw bytes
// before anything is parsed; an unsigned or wrongly signed body changes nothing (401). A signed
// body can be replayed, so each event is acted on once (webhookEventId) and only when nothing
// newer happened to that user (lib/notify/webhook-events.ts).

const eventSchema = z.object({
  type: z.string(),
  /** A ULID; anything else cannot be LINE's. */
  webhookEventId: z.string().regex(/^[0-9A-Za-z]{1,64}$/),
  /** Milliseconds since the epoch, when LINE recorded the event. */
  timestamp: z.number().int().positive().max(8.64e15),
  replyToken: z.string().optional(),
  source: z.object({ type: z.string(), userId: z.string().optional() }).optional(),
  message: z.object({ type: z.string() }).optional(),
});
const bodySchema = z.object({ events: z.array(z.unknown()).max(100) });

export type WebhookAnswer = { status: number; body: Record<string, unknown> };

export async function handleLineWebhook(input: {
  ctx: PublicContext;
  /** The request body exactly as received: the signature covers these bytes. */
  rawBody: Buffer;
  signature: string | null;
  channelSecret: string | undefined;
  reply: LineReplier | undefined;
  baseUrl: string;
}): Promise<WebhookAnswer> {
  if (!input.channelSecret) return { status: 404, body: { message: 'LINE is not configured' } };
  if (!input.signature || !validateSignature(input.rawBody, input.channelSecret, input.signature)) {
    return { status: 401, body: { message: 'invalid signature' } };
  }
  let events: unknown[];
  try {
    events = bodySchema.parse(JSON.parse(input.rawBody.toString('utf8'))).events;
  } catch {
    return { status: 400, body: { message: 'body is not a LINE webhook payload' } };
  }
  for (const raw of events) {
    const event = eventSchema.safeParse(raw);
    if (!event.success || event.data.source?.type !== 'user' || !lineUserId.safeParse(event.data.source.userId).success) continue;
    const userId = event.data.source.userId!;
    const claim = {
      source: 'line' as const,
      eventId: event.data.webhookEventId,
      subject: userId,
      occurredAt: new Date(event.data.timestamp),
    };
    if ((await claimWebhookEvent(input.ctx.db, claim, input.ctx.now?.())) !== 'new') continue;
    try {
      await handleEvent(input, event.data, userId);
    } catch (error) {
      // A malformed user id is LINE's problem, not ours: skip the event, answer 200 so LINE stops resending.
      if (isServiceError(error)) continue;
      await releaseWebhookEvent(input.ctx.db, claim).catch(() => {});
      throw error;
    }
  }
  await forgetOldWebhookEvents(input.ctx.db, input.ctx.now?.());
  return { status: 200, body: {} };
}

async function handleEvent(
  input: Parameters<typeof handleLineWebhook>[0],
  event: z.infer<typeof eventSchema>,
  userId: string,
): Promise<void> {
  if (event.type === 'unfollow') return unfollowLine({ ctx: input.ctx, userId });
  const answer =
    event.type === 'follow'
      ? { key: 'line.welcome', ...(await followLine({ ctx: input.ctx, userId })) }
      : event.type === 'message'
        ? await lineManageToken({ ctx: input.ctx, userId }).then((found) => (found ? { key: 'line.settings', ...found } : null))
        : null;
  if (!answer || !event.replyToken || !input.reply) return;
  const page = await resolvePage(input.ctx.db);
  const text = t(answer.locale, 'notify')(answer.key, {
    page: localized(answer.locale, page.name, page.nameEn),
    url: subscriptionLinks.manage(input.baseUrl, answer.manageToken),
  });
  // A reply token is good for one minute; a failed reply loses only the welcome text.
  await input.reply(event.replyToken, text).catch(() => {});
}
