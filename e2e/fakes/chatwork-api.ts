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
import { FixedWindowCounter, SlidingWindowLog } from './rate-windows';

// A local Chatwork API v2: POST /v2/rooms/{room_id}/messages with X-ChatWorkToken and a form
// field `body`, and GET /v2/rooms/{room_id}/members (403/404 once the account left the room). It enforces the per-token limit (advertised in x-ratelimit-* headers) and the
// per-room limit, both scalable in time for benchmarks, counts its 429s, and injects faults.

export interface ChatworkApiOptions {
  port?: number;
  /** Accepted API tokens. */
  tokens?: string[];
  /** Requests per token per window (Chatwork: 300 per 5 minutes). */
  tokenLimit?: number;
  tokenWindowMs?: number;
  /** Posts per room per sliding window (Chatwork: 10 per 10 s). */
  roomLimit?: number;
  roomWindowMs?: number;
  seed?: number;
}

export interface ChatworkMessage {
  messageId: string;
  roomId: string;
  body: string;
  token: string;
  selfUnread: boolean;
  at: number;
}

export interface ChatworkApiStats {
  requests: number;
  byStatus: Record<number, number>;
  /** 429s caused by the token or room limit (injected faults are not counted here). */
  rateLimited: number;
  faultsInjected: number;
}

export interface FakeChatworkApi {
  url: string;
  port: number;
  tokens: string[];
  limits: { tokenLimit: number; tokenWindowMs: number; roomLimit: number; roomWindowMs: number };
  /** Accepted posts in arrival order. */
  messages: ChatworkMessage[];
  messagesIn(roomId: string): ChatworkMessage[];
  stats(): ChatworkApiStats;
  faults: FaultPlan<HttpFault>;
  /** Make a room answer 403 (the account left it) or 404 (deleted); `undefined` restores it. */
  setRoomAccess(roomId: string, access: 'forbidden' | 'missing' | undefined): void;
  reset(): void;
  close(): Promise<void>;
}

const MESSAGES_PATH = /^\/v2\/rooms\/([^/]+)\/messages$/;
const MEMBERS_PATH = /^\/v2\/rooms\/([^/]+)\/members$/;
const MAX_BODY = 65_535;
const errors = (...messages: string[]) => ({ errors: messages });
const renderError = (status: number, message?: string) =>
  errors(message ?? (status === 429 ? 'Rate limit exceeded' : 'Internal server error'));

export async function startChatworkApi(options: ChatworkApiOptions = {}): Promise<FakeChatworkApi> {
  const tokens = options.tokens ?? ['test-chatwork-token'];
  const limits = {
    tokenLimit: options.tokenLimit ?? 300,
    tokenWindowMs: options.tokenWindowMs ?? 5 * 60 * 1000,
    roomLimit: options.roomLimit ?? 10,
    roomWindowMs: options.roomWindowMs ?? 10_000,
  };
  const tokenWindows = new FixedWindowCounter(limits.tokenLimit, limits.tokenWindowMs);
  const roomWindows = new SlidingWindowLog(limits.roomLimit, limits.roomWindowMs);
  const faults = new FaultPlan<HttpFault>(options.seed);
  let messages: ChatworkMessage[] = [];
  let roomAccess = new Map<string, 'forbidden' | 'missing'>();
  let stats = { requests: 0, byStatus: {} as Record<number, number>, rateLimited: 0 };
  let nextMessageId = 1_000_000_000;

  const handle = async (req: http.IncomingMessage, roomId: string): Promise<HttpReply> => {
    const token = req.headers['x-chatworktoken'];
    if (typeof token !== 'string' || !tokens.includes(token)) return { status: 401, body: errors('Invalid API Token') };

    const window = tokenWindows.hit(token, Date.now());
    const headers = {
      'x-ratelimit-limit': String(window.limit),
      'x-ratelimit-remaining': String(window.remaining),
      'x-ratelimit-reset': String(window.resetEpochSec),
    };
    const reply = (status: number, body: unknown): HttpReply => ({ status, body, headers });
    if (!window.allowed) {
      stats.rateLimited++;
      return reply(429, errors('Rate limit exceeded'));
    }
    if (!/^\d+$/.test(roomId) || roomAccess.get(roomId) === 'missing') return reply(404, errors('Resource not found'));
    if (roomAccess.get(roomId) === 'forbidden')
      return reply(403, errors("You don't have permission to send messages in this room"));
    if (req.method === 'GET') return reply(200, [{ account_id: 1, role: 'admin', name: 'Shirase' }]);

    const contentType = req.headers['content-type'] ?? '';
    const form = new URLSearchParams(
      contentType.startsWith('application/x-www-form-urlencoded') ? (await readBody(req)).toString('utf8') : '',
    );
    const body = form.get('body');
    if (body === null || body === '') return reply(400, errors('Parameter [body] is required'));
    if (body.length > MAX_BODY) return reply(400, errors(`Parameter [body] must be ${MAX_BODY} characters or less`));

    if (!roomWindows.tryHit(roomId, Date.now())) {
      stats.rateLimited++;
      return reply(429, errors('Too many messages posted to this room'));
    }
    const messageId = String(nextMessageId++);
    messages.push({ messageId, roomId, body, token, selfUnread: form.get('self_unread') === '1', at: Date.now() });
    return reply(200, { message_id: messageId });
  };

  const server: LoopbackHttp = await listenLoopback(async (req, res) => {
    stats.requests++;
    res.on('finish', () => {
      stats.byStatus[res.statusCode] = (stats.byStatus[res.statusCode] ?? 0) + 1;
    });
    const pathname = new URL(req.url ?? '/', 'http://x').pathname;
    const roomId = (req.method === 'POST' ? MESSAGES_PATH : req.method === 'GET' ? MEMBERS_PATH : undefined)?.exec(pathname)?.[1];
    if (roomId === undefined) return sendReply(res, { status: 404, body: errors('Invalid Endpoint or HTTP method') });
    await answerWithFault(server, req, res, faults.draw(), () => handle(req, decodeURIComponent(roomId)), renderError);
  }, options.port);

  return {
    url: server.url,
    port: server.port,
    tokens,
    limits,
    get messages() {
      return messages;
    },
    messagesIn: (roomId) => messages.filter((m) => m.roomId === roomId),
    stats: () => ({ ...stats, byStatus: { ...stats.byStatus }, faultsInjected: faults.injected }),
    faults,
    setRoomAccess(roomId, access) {
      if (access) roomAccess.set(roomId, access);
      else roomAccess.delete(roomId);
    },
    reset() {
      messages = [];
      roomAccess = new Map();
      stats = { requests: 0, byStatus: {}, rateLimited: 0 };
      tokenWindows.clear();
      roomWindows.clear();
      faults.clear();
      faults.injected = 0;
    },
    close: () => server.close(),
  };
}
