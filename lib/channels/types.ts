import type { Channel } from '@/lib/domain/statuses';

// The one interface every notification channel implements. The dispatcher groups due deliveries
// into batches that share one rendered message and reads back one result per recipient.
// Adding a channel is adding a file that returns a ChannelSender.

export interface RenderedMessage {
  /** Email subject; other channels ignore it. */
  subject?: string;
  /** Plain text (email), the LINE text, the Chatwork body in Chatwork notation, or the webhook's JSON body. */
  text: string;
  /** Email only. */
  html?: string;
}

export interface OutboundRecipient {
  /** The caller's id for this delivery (a deliveries row id); results carry it back. */
  recipientId: string;
  /** Email address, LINE user id, Chatwork room id or webhook endpoint URL. */
  address: string;
  /** Webhook only: the subscriber's `whsec_` secret the request is signed with. */
  signingSecret?: string;
  /** Email and webhook: headers of this recipient's copy, e.g. List-Unsubscribe, or the evidence head. */
  headers?: Record<string, string>;
  /** Email and webhook: this recipient's rendering (e.g. their manage link), over the batch message. */
  message?: Partial<RenderedMessage>;
}

export interface OutboundBatch {
  /**
   * Identifies this batch across retries; stored with its rows. LINE sends it as X-Line-Retry-Key,
   * so it must be a UUID and a retry must carry the same recipients in the same order.
   */
  batchKey: string;
  message: RenderedMessage;
  recipients: OutboundRecipient[];
}

export type SendOutcome = 'sent' | 'transient' | 'permanent';

/**
 * Why a send did not succeed. Only 'recipient' means the address itself is bad (disable the
 * subscriber); 'message' is our own bug (dead row, subscriber kept); 'auth' is our configuration
 * (retried slowly, subscriber kept); the rest pass.
 */
export type FailureReason = 'recipient' | 'message' | 'auth' | 'rate_limit' | 'quota' | 'provider' | 'network' | 'timeout';

export interface SendResult {
  recipientId: string;
  outcome: SendOutcome;
  providerMessageId?: string;
  reason?: FailureReason;
  /** Short, secret-free description for deliveries.last_error. */
  error?: string;
  /** Earliest time to retry, from Retry-After or a rate-limit reset. */
  retryAfterMs?: number;
}

/** A failed send, classified: what the dispatcher does next. */
export interface Classified {
  outcome: Exclude<SendOutcome, 'sent'>;
  reason: FailureReason;
  retryAfterMs?: number;
}

export interface ChannelSender {
  readonly channel: Channel;
  /** Most recipients one send() takes; larger batches are split inside. */
  readonly maxBatch: number;
  /** Never throws for a provider failure: every recipient gets a result. */
  send(batch: OutboundBatch): Promise<SendResult[]>;
  /** Releases pooled connections. */
  close(): Promise<void>;
}

export function failAll(
  recipients: readonly OutboundRecipient[],
  outcome: Exclude<SendOutcome, 'sent'>,
  failure: { reason: FailureReason; error: string; retryAfterMs?: number },
): SendResult[] {
  return recipients.map((r) => ({ recipientId: r.recipientId, outcome, ...failure }));
}
