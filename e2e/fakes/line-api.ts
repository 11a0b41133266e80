import { randomUUID } from 'node:crypto';
import type http from 'node:http';
import { FaultPlan } from './faults';
import {
  answerWithFault,
  listenLoopback,
  readBody,
  sendReply,
  type HttpFault,
  type HttpReply,
  type LoopbackHttp,
} from './loopback-http';
import { badRequest, validateMulticast, validatePush, validateReply, type LineMessage } from './line-validate';

// A local LINE Messaging API: push, multicast and reply with bearer auth, LINE's validation and
// error bodies, X-Line-Retry-Key (a key accepted once answers 409 and delivers nothing), and
// injectable faults. It records what each user received, so tests can count duplicates.

export interface LineApiOptions {
  port?: number;
  channelAccessToken?: string;
  /** Reject ids that are not "U" + 32 hex digits, as LINE does (default true). */
  strictUserIds?: boolean;
  /** How long an accepted retry key blocks a resend (LINE: 24 h). */
  retryKeyTtlMs?: number;
  /** Requests per window over the send endpoints; over it LINE answers 429 without Retry-After. */
  rateLimit?: { requests: number; windowMs: number };
  /** Seed for the random faults, for repeatable runs. */
  seed?: number;
}

export type LineEndpoint = 'multicast' | 'push' | 'reply';

export interface LineDelivery {
  requestId: string;
  endpoint: LineEndpoint;
  to: string[];
  messages: LineMessage[];
  retryKey?: string;
  at: number;
}

export interface LineApiStats {
  requests: number;
  byStatus: Record<number, number>;
  /** Resends answered 409 because their retry key was already accepted. */
  conflicts: number;
  faultsInjected: number;
}

export interface FakeLineApi {
  url: string;
  port: number;
  channelAccessToken: string;
  /** Accepted requests in arrival order. */
  deliveries: LineDelivery[];
  /** Every message the user received, in order (a duplicate shows up twice). */
  received(userId: string): LineMessage[];
  /** How many accepted requests reached the user. */
  deliveryCount(userId: string): number;
  /** Users who received at least one message. */
  recipients(): string[];
  stats(): LineApiStats;
  faults: FaultPlan<HttpFault>;
  /** The user blocked the account: sends are accepted (200) but never arrive, as on LINE. */
  blockUser(userId: string): void;
  /** The monthly message quota is used up: sends answer 429 "You have reached your monthly limit." */
  setQuotaExhausted(exhausted: boolean): void;
  /** A reply token as a webhook event would carry it, valid for one reply. */
  issueReplyToken(userId: string): string;
  /** Forget deliveries, keys, stats and faults. */
  reset(): void;
  close(): Promise<void>;
}

const ENDPOINTS: Record<string, LineEndpoint> = {
  '/v2/bot/message/multicast': 'multicast',
  '/v2/bot/message/push': 'push',
  '/v2/bot/message/reply': 'reply',
};
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const renderError = (status: number, message?: string) => ({
  message:
    message ??
    (status === 429 ? 'The API rate limit has been exceeded. Try again later.' : 'An error occurred in the backend server'),
});

export async function startLineApi(options: LineApiOptions = {}): Promise<FakeLineApi> {
  const token = options.channelAccessToken ?? 'test-line-channel-access-token';
  const strictUserIds = options.strictUserIds ?? true;
  const retryKeyTtlMs = options.retryKeyTtlMs ?? 24 * 60 * 60 * 1000;
  const faults = new FaultPlan<HttpFault>(options.seed);

  let deliveries: LineDelivery[] = [];
  let inbox = new Map<string, LineMessage[]>();
  let counts = new Map<string, number>();
  let acceptedKeys = new Map<string, LineDelivery>();
  let replyTokens = new Map<string, string>();
  let blocked = new Set<string>();
  let quotaExhausted = false;
  let stats = { requests: 0, byStatus: {} as Record<number, number>, conflicts: 0 };
  let window = { startedAt: 0, count: 0 };

  const isRateLimited = (now: number): boolean => {
    if (!options.rateLimit) return false;
    if (now - window.startedAt >= options.rateLimit.windowMs) window = { startedAt: now, count: 0 };
    window.count++;
    return window.count > options.rateLimit.requests;
  };

  const accept = (
    endpoint: LineEndpoint,
    to: string[],
    messages: LineMessage[],
    retryKey: string | undefined,
    requestId: string,
  ): HttpReply => {
    const delivery: LineDelivery = { requestId, endpoint, to, messages, retryKey, at: Date.now() };
    deliveries.push(delivery);
    if (retryKey) acceptedKeys.set(retryKey, delivery);
    for (const userId of to) {
      if (blocked.has(userId)) continue;
      inbox.set(userId, [...(inbox.get(userId) ?? []), ...messages]);
      counts.set(userId, (counts.get(userId) ?? 0) + 1);
    }
    return { status: 200, body: endpoint === 'multicast' ? {} : { sentMessages: sentMessagesOf(delivery) } };
  };

  const handle = async (req: http.IncomingMessage, endpoint: LineEndpoint, requestId: string): Promise<HttpReply> => {
    if (req.headers.authorization !== `Bearer ${token}`) {
      return {
        status: 401,
        body: {
          message:
            'Authentication failed due to the following reason: invalid token. Confirm that the access token in the authorization header is valid.',
        },
      };
    }
    const contentType = req.headers['content-type'] ?? '';
    if (!contentType.startsWith('application/json'))
      return { status: 415, body: { message: `The content type, ${contentType}, is not supported` } };
    let body: Record<string, unknown>;
    try {
      body = JSON.parse((await readBody(req)).toString('utf8')) as Record<string, unknown>;
    } catch {
      return { status: 400, body: { message: 'The request body could not be parsed as JSON' } };
    }

    const retryKey = headerValue(req.headers['x-line-retry-key']);
    if (retryKey !== undefined) {
      if (endpoint === 'reply') return { status: 400, body: { message: 'X-Line-Retry-Key is not supported for this endpoint' } };
      if (!UUID.test(retryKey)) return { status: 400, body: { message: 'The value of the X-Line-Retry-Key header is invalid' } };
      const earlier = acceptedKeys.get(retryKey);
      if (earlier && Date.now() - earlier.at < retryKeyTtlMs) {
        stats.conflicts++;
        return {
          status: 409,
          body: {
            message: 'The retry key is already accepted',
            ...(endpoint === 'push' ? { sentMessages: sentMessagesOf(earlier) } : {}),
          },
          headers: { 'x-line-accepted-request-id': earlier.requestId },
        };
      }
    }

    const details =
      endpoint === 'multicast'
        ? validateMulticast(body, strictUserIds)
        : endpoint === 'push'
          ? validatePush(body, strictUserIds)
          : validateReply(body);
    if (details.length > 0) return { status: 400, body: badRequest(details) };
    if (isRateLimited(Date.now())) return { status: 429, body: renderError(429) };
    if (quotaExhausted) return { status: 429, body: { message: 'You have reached your monthly limit.' } };

    const messages = body.messages as LineMessage[];
    if (endpoint === 'multicast') return accept(endpoint, body.to as string[], messages, retryKey, requestId);
    if (endpoint === 'push') return accept(endpoint, [body.to as string], messages, retryKey, requestId);
    const userId = replyTokens.get(body.replyToken as string);
    if (!userId) return { status: 400, body: { message: 'Invalid reply token' } };
    replyTokens.delete(body.replyToken as string);
    return accept(endpoint, [userId], messages, undefined, requestId);
  };

  const server: LoopbackHttp = await listenLoopback(async (req, res) => {
    const endpoint = req.method === 'POST' ? ENDPOINTS[new URL(req.url ?? '/', 'http://x').pathname] : undefined;
    const requestId = randomUUID();
    res.setHeader('x-line-request-id', requestId);
    res.on('finish', () => {
      stats.byStatus[res.statusCode] = (stats.byStatus[res.statusCode] ?? 0) + 1;
    });
    stats.requests++;
    if (!endpoint) return sendReply(res, { status: 404, body: { message: 'Not found' } });
    await answerWithFault(server, req, res, faults.draw(), () => handle(req, endpoint, requestId), renderError);
  }, options.port);

  return {
    url: server.url,
    port: server.port,
    channelAccessToken: token,
    get deliveries() {
      return deliveries;
    },
    received: (userId) => inbox.get(userId) ?? [],
    deliveryCount: (userId) => counts.get(userId) ?? 0,
    recipients: () => [...inbox.keys()],
    stats: () => ({ ...stats, byStatus: { ...stats.byStatus }, faultsInjected: faults.injected }),
    faults,
    blockUser: (userId) => void blocked.add(userId),
    setQuotaExhausted: (exhausted) => void (quotaExhausted = exhausted),
    issueReplyToken(userId) {
      const replyToken = randomUUID().replaceAll('-', '');
      replyTokens.set(replyToken, userId);
      return replyToken;
    },
    reset() {
      deliveries = [];
      inbox = new Map();
      counts = new Map();
      acceptedKeys = new Map();
      replyTokens = new Map();
      blocked = new Set();
      quotaExhausted = false;
      stats = { requests: 0, byStatus: {}, conflicts: 0 };
      window = { startedAt: 0, count: 0 };
      faults.clear();
      faults.injected = 0;
    },
    close: () => server.close(),
  };
}

function sentMessagesOf(delivery: LineDelivery): { id: string; quoteToken: string }[] {
  return delivery.messages.map((_, i) => ({ id: `${delivery.requestId}-${i}`, quoteToken: `q-${delivery.requestId}-${i}` }));
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
