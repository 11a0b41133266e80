import http from 'node:http';
import next from 'next';
import type { DatabaseHandle } from '../../db/client';
import { observeHttpRequest, routeGroup } from '../metrics/registry';
import { startPublicFront, type PublicFront } from '../public/http/front';
import { isForeignOriginAction } from '../security/action-origin';
import { clientAddress, REMOTE_ADDRESS_HEADER } from '../security/client-address';
import { forgetUntrustedForwarding } from '../security/forwarded-headers';
import { createOutageGate } from './outage-gate';
import { refuseAtTheDoor } from './request-gate';

export type RunningServer = { close(): Promise<void> };

/**
 * A small Node server in front of Next's request handler. It owns start-up order (migrations
 * before serving) and shutdown, times every request, and answers the public read path from
 * pre-rendered bytes (lib/public/http/front.ts); Next renders everything else.
 */
export async function startHttpServer(options: {
  dev: boolean;
  port: number;
  hostname: string;
  database: DatabaseHandle;
  /** TRUST_PROXY_HOPS: how many proxies' X-Forwarded-For entries to believe. */
  trustedProxyHops?: number;
}): Promise<RunningServer> {
  const app = next({ dev: options.dev, dir: process.cwd(), hostname: options.hostname, port: options.port });
  await app.prepare();
  const handle = app.getRequestHandler();
  // Production only: in development pages must reflect code edits at once.
  const front: PublicFront | null = options.dev
    ? null
    : await startPublicFront({ port: options.port, hostname: options.hostname });
  const outage = createOutageGate(options.database);
  const server = http.createServer((req, res) => {
    const started = performance.now();
    const observe = () =>
      observeHttpRequest(req.method ?? 'GET', routeGroup(req.url ?? '/'), res.statusCode, (performance.now() - started) / 1000);
    // Next answers a malformed percent-encoding in a dynamic segment with a 500; route it to
    // the localized not-found page instead.
    if (!isDecodable(req.url ?? '/')) req.url = '/_malformed-url';
    if (refuseAtTheDoor(req, res)) return observe();
    // The client's address (the socket peer, or what trusted proxies saw), overwriting any
    // client-sent copy: sign-in throttling keys on it (lib/auth/request.ts).
    req.headers[REMOTE_ADDRESS_HEADER] = clientAddress(
      req.socket.remoteAddress,
      req.headers['x-forwarded-for'],
      options.trustedProxyHops ?? 0,
    );
    forgetUntrustedForwarding(req.headers, options.trustedProxyHops ?? 0);
    if (isForeignOriginAction(req.method, req.headers, req.url)) {
      res.once('finish', observe);
      res
        .writeHead(403, { 'content-type': 'text/plain; charset=utf-8' })
        .end('別のサイトからの操作は受け付けません / Cross-site request refused\n');
      return;
    }
    const toNext = () =>
      void (async () => (await outage.answer(req, res)) || handle(req, res))().catch((error: unknown) => {
        console.error('request failed', error);
        if (!res.headersSent) res.writeHead(500);
        res.end();
      });
    if (front?.serve(req, res, toNext)) {
      // Pre-rendered bytes are written synchronously; coalesced refreshes finish later.
      if (res.writableEnded) observe();
      else res.once('finish', observe);
      return;
    }
    res.once('finish', observe);
    toNext();
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(options.port, options.hostname, resolve));
  return {
    close: async () => {
      await front?.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

function isDecodable(url: string): boolean {
  try {
    decodeURIComponent(url);
    return true;
  } catch {
    return false;
  }
}
