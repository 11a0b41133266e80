import { HTTPFetchError, messagingApi } from '@line/bot-sdk';
import { classifyNetworkError, classifyStatus, parseRetryAfter, withTimeout } from './http-outcome';
import { isUuid, sliceRetryKey, truncateLineText } from './line-text';
import { failAll, type ChannelSender, type OutboundRecipient, type SendResult } from './types';

// LINE through the official SDK: one multicast per 500 user ids, each with an X-Line-Retry-Key
// that stays the same when the batch is retried, so a retry after a lost answer is answered
// 409 (already accepted) instead of being delivered twice.

export interface LineConfig {
  channelAccessToken: string;
  /** LINE_API_BASE_URL; the SDK defaults to https://api.line.me. */
  baseUrl?: string;
  /** A multicast without an answer by then counts as transient (it may still have been accepted). */
  timeoutMs?: number;
  /** When the monthly message quota is used up and LINE gives no Retry-After. */
  quotaRetryAfterMs?: number;
}

export const LINE_MULTICAST_MAX = 500;

export function createLineSender(config: LineConfig): ChannelSender {
  const client = new messagingApi.MessagingApiClient({ channelAccessToken: config.channelAccessToken, baseURL: config.baseUrl });
  const timeoutMs = config.timeoutMs ?? 10_000;
  const quotaRetryAfterMs = config.quotaRetryAfterMs ?? 60 * 60 * 1000;

  const multicast = async (recipients: OutboundRecipient[], text: string, retryKey: string): Promise<SendResult[]> => {
    const to = recipients.map((r) => r.address);
    try {
      const { httpResponse } = await withTimeout(
        client.multicastWithHttpInfo({ to, messages: [{ type: 'text', text }] }, retryKey),
        timeoutMs,
      );
      const requestId = httpResponse.headers.get('x-line-request-id') ?? undefined;
      return recipients.map((r) => ({ recipientId: r.recipientId, outcome: 'sent', providerMessageId: requestId }));
    } catch (error) {
      if (error instanceof HTTPFetchError) return fromHttpError(error, recipients, quotaRetryAfterMs);
      return failAll(recipients, 'transient', classifyNetworkError(error));
    }
  };

  return {
    channel: 'line',
    maxBatch: LINE_MULTICAST_MAX,
    async send(batch) {
      // The key is the idempotency guarantee: without a valid one a retry could double-send.
      if (!isUuid(batch.batchKey)) throw new TypeError('LINE batchKey must be a UUID (it is sent as X-Line-Retry-Key)');
      if (batch.message.text.trim() === '')
        return failAll(batch.recipients, 'permanent', { reason: 'message', error: 'empty LINE text' });
      const text = truncateLineText(batch.message.text);
      const results: SendResult[] = [];
      for (let i = 0; i * LINE_MULTICAST_MAX < batch.recipients.length; i++) {
        const slice = batch.recipients.slice(i * LINE_MULTICAST_MAX, (i + 1) * LINE_MULTICAST_MAX);
        results.push(...(await multicast(slice, text, sliceRetryKey(batch.batchKey, i))));
      }
      return results;
    },
    close: async () => {},
  };
}

interface LineErrorBody {
  message?: string;
  details?: { message?: string; property?: string }[];
}

function fromHttpError(error: HTTPFetchError, recipients: OutboundRecipient[], quotaRetryAfterMs: number): SendResult[] {
  const body = parseBody(error.body);
  const summary = `LINE ${error.status}: ${body.message ?? error.statusText}`.slice(0, 200);

  // 409: this retry key was accepted before (our earlier attempt reached LINE): already sent.
  if (error.status === 409) {
    const acceptedId = error.headers.get('x-line-accepted-request-id') ?? undefined;
    return recipients.map((r) => ({ recipientId: r.recipientId, outcome: 'sent', providerMessageId: acceptedId }));
  }
  if (error.status === 429 && /monthly limit/i.test(body.message ?? '')) {
    const retryAfterMs = parseRetryAfter(error.headers.get('retry-after')) ?? quotaRetryAfterMs;
    return failAll(recipients, 'transient', { reason: 'quota', error: summary, retryAfterMs });
  }
  if (error.status === 400) {
    // "to[3]" names a bad user id: that recipient fails for good, the others were refused with it.
    const badIndexes = new Set(
      (body.details ?? [])
        .map((d) => /^to\[(\d+)\]$/.exec(d.property ?? '')?.[1])
        .filter((i) => i !== undefined)
        .map(Number),
    );
    if (badIndexes.size > 0) {
      return recipients.map((r, i) =>
        badIndexes.has(i)
          ? { recipientId: r.recipientId, outcome: 'permanent', reason: 'recipient', error: 'LINE 400: invalid user id' }
          : {
              recipientId: r.recipientId,
              outcome: 'transient',
              reason: 'provider',
              error: 'refused with an invalid user id in the same batch: resend under a new key',
              retryAfterMs: 0,
            },
      );
    }
  }
  const classified = classifyStatus(error.status, error.headers);
  return failAll(recipients, classified.outcome, { ...classified, error: summary });
}

function parseBody(text: string): LineErrorBody {
  try {
    return JSON.parse(text) as LineErrorBody;
  } catch {
    return {};
  }
}
