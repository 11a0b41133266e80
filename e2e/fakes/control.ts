import type http from 'node:http';
import type { FakeChatworkApi } from './chatwork-api';
import type { FaultRate } from './faults';
import type { FakeLineApi } from './line-api';
import { listenLoopback, readBody, sendReply, type HttpFault, type HttpReply, type LoopbackHttp } from './loopback-http';
import type { SmtpFault, SmtpSink } from './smtp-sink';

// A JSON control API over fakes running in another process (the CLI), so Playwright tests and
// benchmarks can read what arrived and switch faults on and off. Loopback only, like the fakes.

export interface RunningFakes {
  smtp?: SmtpSink;
  line?: FakeLineApi;
  chatwork?: FakeChatworkApi;
}

/** POST /{fake}/faults body: a share of calls (`rate` 0 stops it) and/or the next `count` calls. */
export interface FaultRequest<F> {
  rate?: number;
  faults?: F[];
  failNext?: { count: number; fault: F };
  seed?: number;
  /** SMTP only: which command fails (default both). */
  stage?: 'rcpt' | 'data';
}

type Route = (fakes: RunningFakes, query: URLSearchParams, body: Record<string, unknown>) => unknown;

const notRunning = (name: string) => {
  throw Object.assign(new Error(`${name} fake is not running`), { status: 404 });
};
const smtp = (f: RunningFakes) => f.smtp ?? notRunning('smtp');
const line = (f: RunningFakes) => f.line ?? notRunning('line');
const chatwork = (f: RunningFakes) => f.chatwork ?? notRunning('chatwork');

function applyFaults<F>(
  plan: { failNext(count: number, fault: F): void; setRate(r: FaultRate<F> | undefined): void; reseed(s: number): void },
  req: FaultRequest<F>,
  defaults: F[],
) {
  if (req.seed !== undefined) plan.reseed(req.seed);
  if (req.rate !== undefined) plan.setRate({ rate: req.rate, faults: req.faults ?? defaults });
  if (req.failNext) plan.failNext(req.failNext.count, req.failNext.fault);
}

export const DEFAULT_HTTP_FAULTS: HttpFault[] = [
  { kind: 'status', status: 500 },
  { kind: 'status', status: 503, retryAfterSec: 1 },
  { kind: 'status', status: 429, retryAfterSec: 1 },
  { kind: 'accept-then-drop' },
  { kind: 'drop' },
  { kind: 'slow', ms: 1_500 },
];
export const DEFAULT_SMTP_FAULTS: SmtpFault[] = [{ kind: 'reply', code: 451 }, { kind: 'reply', code: 421 }, { kind: 'drop' }];

const routes: Record<string, Route> = {
  'GET /state': (f) => ({
    smtp: f.smtp && { url: f.smtp.url, stats: f.smtp.stats() },
    line: f.line && { url: f.line.url, stats: f.line.stats() },
    chatwork: f.chatwork && { url: f.chatwork.url, limits: f.chatwork.limits, stats: f.chatwork.stats() },
  }),
  'GET /smtp/messages': (f, q) => (q.get('to') ? smtp(f).messagesTo(q.get('to') ?? '') : smtp(f).messages),
  'POST /smtp/reset': (f) => smtp(f).reset(),
  'POST /smtp/reject': (f, _, b) => smtp(f).rejectAddress(String(b.address), b.code === undefined ? undefined : Number(b.code)),
  'POST /smtp/faults': (f, _, b) => {
    const req = b as FaultRequest<SmtpFault>;
    for (const stage of req.stage ? [req.stage] : (['rcpt', 'data'] as const))
      applyFaults(smtp(f).faults[stage], req, DEFAULT_SMTP_FAULTS);
  },
  'GET /line/deliveries': (f) => line(f).deliveries,
  'GET /line/received': (f, q) => line(f).received(q.get('user') ?? ''),
  'POST /line/reset': (f) => line(f).reset(),
  'POST /line/block': (f, _, b) => line(f).blockUser(String(b.userId)),
  'POST /line/quota': (f, _, b) => line(f).setQuotaExhausted(Boolean(b.exhausted)),
  'POST /line/faults': (f, _, b) => applyFaults(line(f).faults, b as FaultRequest<HttpFault>, DEFAULT_HTTP_FAULTS),
  'GET /chatwork/messages': (f, q) => (q.get('room') ? chatwork(f).messagesIn(q.get('room') ?? '') : chatwork(f).messages),
  'POST /chatwork/reset': (f) => chatwork(f).reset(),
  'POST /chatwork/room-access': (f, _, b) =>
    chatwork(f).setRoomAccess(String(b.roomId), b.access as 'forbidden' | 'missing' | undefined),
  'POST /chatwork/faults': (f, _, b) => applyFaults(chatwork(f).faults, b as FaultRequest<HttpFault>, DEFAULT_HTTP_FAULTS),
};

export async function startFakesControl(fakes: RunningFakes, port = 0): Promise<LoopbackHttp> {
  return listenLoopback(async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://control');
    const route = routes[`${req.method} ${url.pathname}`];
    if (!route) return sendReply(res, { status: 404, body: { error: 'no such control route', routes: Object.keys(routes) } });
    let reply: HttpReply;
    try {
      const raw = req.method === 'POST' ? (await readBody(req)).toString('utf8') : '';
      const result = route(fakes, url.searchParams, raw ? (JSON.parse(raw) as Record<string, unknown>) : {});
      reply = { status: 200, body: result ?? { ok: true } };
    } catch (error) {
      reply = { status: (error as { status?: number }).status ?? 400, body: { error: (error as Error).message } };
    }
    sendReply(res, reply);
  }, port);
}
