import http from 'node:http';
import type { AddressInfo } from 'node:net';

// The HTTP plumbing of the fake APIs: a server bound to 127.0.0.1 only, body reading, JSON
// replies, and the faults a real provider shows (errors, hangs, resets, slow answers).

export type HttpFault =
  /** Answered with this status before the request is looked at (nothing is delivered). */
  | { kind: 'status'; status: number; retryAfterSec?: number; message?: string }
  /** Never answered and nothing delivered: the client has to time out. */
  | { kind: 'hang' }
  /** Connection reset before the request is looked at. */
  | { kind: 'drop' }
  /** Handled normally (delivered), but the answer comes `ms` later. */
  | { kind: 'slow'; ms: number }
  /** Handled normally (delivered), then the connection is reset: the client never hears it was accepted. */
  | { kind: 'accept-then-drop' };

export interface HttpReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type RenderError = (status: number, message: string | undefined) => unknown;

export interface LoopbackHttp {
  url: string;
  port: number;
  /** Runs `fn` after `ms` unless the server was closed first. */
  later(ms: number, fn: () => void): void;
  close(): Promise<void>;
}

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>;

export async function listenLoopback(handler: Handler, port = 0): Promise<LoopbackHttp> {
  const timers = new Set<NodeJS.Timeout>();
  const server = http.createServer((req, res) => {
    handler(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendReply(res, { status: 500, body: { message: String(error) } });
    });
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const actualPort = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${actualPort}`,
    port: actualPort,
    later(ms, fn) {
      const timer = setTimeout(() => {
        timers.delete(timer);
        fn();
      }, ms);
      timers.add(timer);
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

export async function readBody(req: http.IncomingMessage, limitBytes = 4 * 1024 * 1024): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limitBytes) throw new Error('body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export function sendReply(res: http.ServerResponse, reply: HttpReply): void {
  if (res.destroyed || res.writableEnded) return;
  const payload = reply.body === undefined ? '' : JSON.stringify(reply.body);
  res.writeHead(reply.status, {
    ...(payload ? { 'content-type': 'application/json; charset=utf-8' } : {}),
    ...reply.headers,
  });
  res.end(payload);
}

/**
 * Runs `handle` under `fault`: infrastructure faults (status, hang, drop) skip it, the others run
 * it and then delay or lose the answer — the "accepted, but the client saw a timeout" case.
 */
export async function answerWithFault(
  server: Pick<LoopbackHttp, 'later'>,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  fault: HttpFault | undefined,
  handle: () => HttpReply | Promise<HttpReply>,
  renderError: RenderError,
): Promise<void> {
  switch (fault?.kind) {
    case undefined:
      return sendReply(res, await handle());
    case 'status':
      return sendReply(res, {
        status: fault.status,
        body: renderError(fault.status, fault.message),
        headers: fault.retryAfterSec === undefined ? {} : { 'retry-after': String(fault.retryAfterSec) },
      });
    case 'hang':
      return;
    case 'drop':
      req.socket.destroy();
      return;
    case 'slow': {
      const reply = await handle();
      server.later(fault.ms, () => sendReply(res, reply));
      return;
    }
    case 'accept-then-drop':
      await handle();
      req.socket.destroy();
      return;
  }
}
