import { ChatworkRateLimiter, CHATWORK_LIMITS, type ChatworkLimits } from './chatwork-limiter';
import { CHATWORK_MAX_BODY } from './chatwork-notation';
import { mapWithConcurrency } from './concurrency';
import { classifyNetworkError, classifyStatus, parseRetryAfter } from './http-outcome';
import { failAll, type ChannelSender, type OutboundRecipient, type SendResult } from './types';

// Chatwork through its REST API: one post per room by the service account's token, paced by a
// limiter so the token and room limits are never exceeded. Chatwork has no idempotency key: a
// post whose answer was lost may be repeated by a retry (at least once, not exactly once).

export interface ChatworkConfig {
  apiToken: string;
  /** CHATWORK_API_BASE_URL, e.g. https://api.chatwork.com */
  baseUrl: string;
  /** Defaults are Chatwork's own; benchmarks pass a scaled-down window. */
  limits?: Partial<ChatworkLimits>;
  timeoutMs?: number;
  /** Posts in flight at once within one send(). */
  concurrency?: number;
}

export function createChatworkSender(config: ChatworkConfig): ChannelSender {
  const limits = { ...CHATWORK_LIMITS, ...config.limits };
  const limiter = new ChatworkRateLimiter(limits);
  const timeoutMs = config.timeoutMs ?? 10_000;
  const base = config.baseUrl.replace(/\/+$/, '');

  const post = async (recipient: OutboundRecipient, body: string): Promise<SendResult> => {
    const { recipientId } = recipient;
    if (!/^\d+$/.test(recipient.address))
      return { recipientId, outcome: 'permanent', reason: 'recipient', error: 'invalid Chatwork room id' };
    const release = await limiter.acquire(recipient.address);
    let response: Response;
    try {
      response = await fetch(`${base}/v2/rooms/${recipient.address}/messages`, {
        method: 'POST',
        headers: {
          'x-chatworktoken': config.apiToken,
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'application/json',
        },
        body: new URLSearchParams({ body, self_unread: '0' }).toString(),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      release();
      return { recipientId, ...classifyNetworkError(error) };
    }
    release(response.headers);
    const text = await response.text().catch(() => '');
    if (response.ok) return { recipientId, outcome: 'sent', providerMessageId: messageIdOf(text) };
    return { recipientId, ...classifyChatworkStatus(response, text, limiter, limits) };
  };

  return {
    channel: 'chatwork',
    maxBatch: 100,
    async send(batch) {
      const body = batch.message.text;
      if (body.trim() === '' || body.length > CHATWORK_MAX_BODY) {
        return failAll(batch.recipients, 'permanent', {
          reason: 'message',
          error: `Chatwork body must be 1–${CHATWORK_MAX_BODY} characters`,
        });
      }
      return mapWithConcurrency(batch.recipients, config.concurrency ?? 4, (r) => post(r, body));
    },
    close: async () => {},
  };
}

function classifyChatworkStatus(
  response: Response,
  text: string,
  limiter: ChatworkRateLimiter,
  limits: ChatworkLimits,
): Omit<SendResult, 'recipientId'> {
  const error = `Chatwork ${response.status}: ${errorsOf(text)}`.slice(0, 200);
  // 403: the account may no longer post in this room; 404: the room is gone. Both are about the room.
  if (response.status === 403 || response.status === 404) return { outcome: 'permanent', reason: 'recipient', error };
  if (response.status === 429) {
    const tokenExhausted = response.headers.get('x-ratelimit-remaining') === '0';
    const retryAfterMs =
      parseRetryAfter(response.headers.get('retry-after')) ??
      (tokenExhausted ? Math.max(0, limiter.tokenResetAt() - Date.now()) : limits.roomWindowMs);
    return { outcome: 'transient', reason: 'rate_limit', error, retryAfterMs };
  }
  return { ...classifyStatus(response.status, response.headers), error };
}

function messageIdOf(text: string): string | undefined {
  try {
    return String((JSON.parse(text) as { message_id?: string | number }).message_id ?? '') || undefined;
  } catch {
    return undefined;
  }
}

function errorsOf(text: string): string {
  try {
    return ((JSON.parse(text) as { errors?: string[] }).errors ?? []).join('; ') || 'no detail';
  } catch {
    return 'no detail';
  }
}
