import { classifyNetworkError, parseRetryAfter } from './http-outcome';
import { mapWithConcurrency } from './concurrency';
import type { ChannelSender, OutboundRecipient, SendResult } from './types';

// Slack incoming webhooks: one JSON post (`text` plus Block Kit `blocks`) per channel's webhook
// URL. Slack answers "ok", or a plain-text error whose status says whose problem it is: 404
// no_service / 403 action_prohibited / 410 channel_is_archived mean the hook is gone (switch the
// subscriber off), 400 is our payload, 429 comes with Retry-After.

export interface SlackConfig {
  /** SLACK_WEBHOOK_BASE_URL: addresses outside `<base>/services/` are refused. */
  baseUrl: string;
  timeoutMs?: number;
  concurrency?: number;
}

export function isSlackWebhookUrl(address: string, baseUrl: string): boolean {
  const prefix = `${baseUrl.replace(/\/+$/, '')}/services/`;
  return address.startsWith(prefix) && /^[A-Za-z0-9/_-]+$/.test(address.slice(prefix.length));
}

export function createSlackSender(config: SlackConfig): ChannelSender {
  const timeoutMs = config.timeoutMs ?? 10_000;

  const post = async (recipient: OutboundRecipient, batchBody: string): Promise<SendResult> => {
    const { recipientId } = recipient;
    if (!isSlackWebhookUrl(recipient.address, config.baseUrl))
      return { recipientId, outcome: 'permanent', reason: 'recipient', error: 'not a Slack webhook URL' };
    let response: Response;
    try {
      response = await fetch(recipient.address, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: recipient.message?.text ?? batchBody,
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      return { recipientId, ...classifyNetworkError(error) };
    }
    const text = (await response.text().catch(() => '')).slice(0, 100);
    if (response.ok) return { recipientId, outcome: 'sent' };
    const error = `Slack ${response.status}: ${text || 'no detail'}`;
    if ([403, 404, 410].includes(response.status)) return { recipientId, outcome: 'permanent', reason: 'recipient', error };
    if (response.status === 429)
      return {
        recipientId,
        outcome: 'transient',
        reason: 'rate_limit',
        error,
        retryAfterMs: parseRetryAfter(response.headers.get('retry-after')) ?? 1_000,
      };
    if (response.status >= 500)
      return {
        recipientId,
        outcome: 'transient',
        reason: 'provider',
        error,
        retryAfterMs: parseRetryAfter(response.headers.get('retry-after')),
      };
    return { recipientId, outcome: 'permanent', reason: 'message', error };
  };

  return {
    channel: 'slack',
    maxBatch: 100,
    send: (batch) => mapWithConcurrency(batch.recipients, config.concurrency ?? 4, (r) => post(r, batch.message.text)),
    close: async () => {},
  };
}
