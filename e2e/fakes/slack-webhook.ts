import { FaultPlan } from './faults';
import type http from 'node:http';
import { answerWithFault, listenLoopback, readBody, sendReply, type HttpFault, type LoopbackHttp } from './loopback-http';
import { SlidingWindowLog } from './rate-windows';

// Local Slack incoming webhooks: POST /services/T…/B…/… with a JSON body. Answers as Slack does,
// in plain text: "ok"; 400 invalid_payload / no_text; 404 no_service for a hook that was never
// made or was removed; 410 channel_is_archived; 429 with Retry-After over one post a second per
// hook (a short burst allowed). Block Kit limits are checked so an oversized message fails here too.

export interface SlackPost {
  hook: string;
  body: { text?: string; blocks?: { type: string; [key: string]: unknown }[] };
  at: number;
}

export interface FakeSlackWebhooks {
  url: string;
  port: number;
  /** A fresh hook URL, as Slack shows it when an app is added to a channel. */
  newHook(): string;
  posts: SlackPost[];
  postsTo(hookUrl: string): SlackPost[];
  /** Remove a hook (404 no_service) or archive its channel (410); undefined restores it. */
  setHookState(hookUrl: string, state: 'removed' | 'archived' | undefined): void;
  stats(): { requests: number; rateLimited: number; byStatus: Record<number, number> };
  faults: FaultPlan<HttpFault>;
  reset(): void;
  close(): Promise<void>;
}

const HOOK_PATH = /^\/services\/(T[A-Z0-9]+\/B[A-Z0-9]+\/[A-Za-z0-9]+)$/;

export async function startSlackWebhooks(
  options: { port?: number; seed?: number; perSecond?: number } = {},
): Promise<FakeSlackWebhooks> {
  const faults = new FaultPlan<HttpFault>(options.seed);
  const windows = new SlidingWindowLog(options.perSecond ?? 3, 1_000);
  const known = new Set<string>();
  const states = new Map<string, 'removed' | 'archived'>();
  let posts: SlackPost[] = [];
  let stats = { requests: 0, rateLimited: 0, byStatus: {} as Record<number, number> };
  let serial = 0;

  const text = (status: number, body: string, headers: Record<string, string> = {}) => ({ status, body, headers });
  const handle = async (hook: string, raw: string) => {
    if (!known.has(hook) || states.get(hook) === 'removed') return text(404, 'no_service');
    if (states.get(hook) === 'archived') return text(410, 'channel_is_archived');
    if (!windows.tryHit(hook, Date.now())) {
      stats.rateLimited++;
      return text(429, 'rate_limited', { 'retry-after': '1' });
    }
    let body: SlackPost['body'];
    try {
      body = JSON.parse(raw);
    } catch {
      return text(400, 'invalid_payload');
    }
    if (!body.text && !body.blocks?.length) return text(400, 'no_text');
    if (
      (body.blocks?.length ?? 0) > 50 ||
      body.blocks?.some((b) => b.type === 'header' && String((b.text as { text?: string })?.text ?? '').length > 150)
    ) {
      return text(400, 'invalid_blocks');
    }
    posts.push({ hook, body, at: Date.now() });
    return text(200, 'ok');
  };

  const server: LoopbackHttp = await listenLoopback(async (req, res) => {
    stats.requests++;
    res.on('finish', () => (stats.byStatus[res.statusCode] = (stats.byStatus[res.statusCode] ?? 0) + 1));
    const hook = HOOK_PATH.exec(new URL(req.url ?? '/', 'http://x').pathname)?.[1];
    if (req.method !== 'POST' || !hook) return sendReply(res, { status: 404 });
    const raw = (await readBody(req)).toString('utf8');
    const fault = faults.draw();
    // Slack answers in plain text, so faults that carry a body are written here, not as JSON.
    if (fault?.kind === 'status') {
      return plainReply(res, {
        status: fault.status,
        body: fault.status === 429 ? 'rate_limited' : 'internal_error',
        headers: fault.retryAfterSec === undefined ? {} : { 'retry-after': String(fault.retryAfterSec) },
      });
    }
    if (!fault) return plainReply(res, await handle(hook, raw));
    await answerWithFault(
      server,
      req,
      res,
      fault,
      async () => ({ status: (await handle(hook, raw)).status }),
      () => undefined,
    );
  }, options.port);

  const hookOf = (url: string) => url.slice(`${server.url}/services/`.length);
  return {
    url: server.url,
    port: server.port,
    newHook() {
      serial++;
      const hook = `T0000${serial}/B0000${serial}/${Math.random().toString(36).slice(2, 14)}`;
      known.add(hook);
      return `${server.url}/services/${hook}`;
    },
    get posts() {
      return posts;
    },
    postsTo: (url) => posts.filter((p) => p.hook === hookOf(url)),
    setHookState(url, state) {
      if (state) states.set(hookOf(url), state);
      else states.delete(hookOf(url));
    },
    stats: () => ({ ...stats, byStatus: { ...stats.byStatus } }),
    faults,
    reset() {
      posts = [];
      states.clear();
      stats = { requests: 0, rateLimited: 0, byStatus: {} };
    },
    close: () => server.close(),
  };
}

function plainReply(res: http.ServerResponse, reply: { status: number; body: string; headers: Record<string, string> }): void {
  if (res.destroyed || res.writableEnded) return;
  res.writeHead(reply.status, { 'content-type': 'text/plain; charset=utf-8', ...reply.headers });
  res.end(reply.body);
}
