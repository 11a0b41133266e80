import http from 'node:http';
import https from 'node:https';
import { assertAddressAllowed, BlockedAddressError, guardedLookup } from '../monitors/address-guard';
import { classifyNetworkError, parseRetryAfter } from './http-outcome';
import { mapWithConcurrency } from './concurrency';
import { webhookHeaders } from './webhook-signature';
import type { ChannelSender, OutboundRecipient, SendResult } from './types';

// Webhook subscribers: one signed JSON POST per endpoint (Standard Webhooks headers). Endpoints
// are the subscribers' own servers, so every connection goes through the address guard unless
// WEBHOOK_ALLOW_PRIVATE=true, and any answer but 2xx or 410 is retried until the row is dead.

export interface WebhookConfig {
  allowPrivate: boolean;
  timeoutMs?: number;
  /** Posts in flight at once within one send(). */
  concurrency?: number;
  now?: () => Date;
}

const USER_AGENT = 'Shirase-Webhook/1.0';

export function createWebhookSender(config: WebhookConfig): ChannelSender {
  const timeoutMs = config.timeoutMs ?? 10_000;
  const now = config.now ?? (() => new Date());

  const post = async (recipient: OutboundRecipient, batchBody: string): Promise<SendResult> => {
    const { recipientId } = recipient;
    let url: URL;
    try {
      url = new URL(recipient.address);
      if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('scheme');
    } catch {
      return { recipientId, outcome: 'permanent', reason: 'recipient', error: 'invalid webhook endpoint' };
    }
    if (!recipient.signingSecret) return { recipientId, outcome: 'permanent', reason: 'message', error: 'no signing secret' };
    const body = recipient.message?.text ?? batchBody;
    const headers = {
      ...recipient.headers,
      ...webhookHeaders({ secret: recipient.signingSecret, id: `msg_${recipientId}`, body, at: now() }),
    };
    try {
      const answer = await postJson(url, body, headers, { allowPrivate: config.allowPrivate, timeoutMs });
      return { recipientId, ...classifyWebhookAnswer(answer) };
    } catch (error) {
      if (error instanceof BlockedAddressError || (error as { code?: string }).code === 'EBLOCKED') {
        return { recipientId, outcome: 'permanent', reason: 'recipient', error: 'endpoint resolves to a private address' };
      }
      return { recipientId, ...classifyNetworkError(error) };
    }
  };

  return {
    channel: 'webhook',
    maxBatch: 100,
    send: (batch) => mapWithConcurrency(batch.recipients, config.concurrency ?? 8, (r) => post(r, batch.message.text)),
    close: async () => {},
  };
}

type Answer = { status: number; retryAfter: string | null };

function classifyWebhookAnswer({ status, retryAfter }: Answer): Omit<SendResult, 'recipientId'> {
  if (status >= 200 && status < 300) return { outcome: 'sent' };
  const error = `endpoint answered ${status}`;
  // 410 Gone is the one answer that says "stop sending here" (Statuspage reads it the same way).
  if (status === 410) return { outcome: 'permanent', reason: 'recipient', error };
  const retryAfterMs = parseRetryAfter(retryAfter);
  if (status === 429) return { outcome: 'transient', reason: 'rate_limit', error, retryAfterMs };
  if (status === 408) return { outcome: 'transient', reason: 'timeout', error, retryAfterMs };
  return { outcome: 'transient', reason: 'provider', error, retryAfterMs };
}

/** One POST, no redirects; the socket only reaches a checked address. */
function postJson(
  url: URL,
  body: string,
  headers: Record<string, string>,
  options: { allowPrivate: boolean; timeoutMs: number },
): Promise<Answer> {
  // Literal addresses skip `lookup`, so they are judged here.
  const literal = url.hostname.replace(/^\[|\]$/g, '');
  if (/^[\d.]+$|:/.test(literal)) assertAddressAllowed(literal, options.allowPrivate);
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(
      url,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': USER_AGENT,
          'content-length': Buffer.byteLength(body),
          ...headers,
        },
        lookup: guardedLookup(options.allowPrivate),
        signal: AbortSignal.timeout(options.timeoutMs),
        agent: false,
      },
      (res) => {
        res.resume();
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, retryAfter: (res.headers['retry-after'] as string | undefined) ?? null }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
