import http from 'node:http';
import { randomBytes } from 'node:crypto';
import { getDb } from '../../db';
import { env } from '../../env';
import { LOCALE_COOKIE, type Locale } from '../../i18n/locales';
import { processChangeFeed } from '../../live/change-feed';
import { publicBaseUrl } from '../../notices/links';
import { createPublicCache, type PublicCache } from '../cache/cache';
import { documentKey } from '../documents/catalog';
import { installPublicCache } from '../cache/installed';
import { CORS_PREFLIGHT_HEADERS } from './cors';
import { sendEntry } from './respond';
import { snapshotFileFor } from '../cache/snapshot';
import { publicRoute, visitorLocale } from './routes';
import { createRscCache } from '../cache/rsc-cache';
import { unavailablePage } from './unavailable-page';

const PRERENDER_HEADER = 'x-shirase-prerender';
const RENDER_TIMEOUT_MS = 15_000;

export type PublicFront = {
  /** Answers the request from pre-rendered bytes; false when Next should handle it. */
  serve(req: http.IncomingMessage, res: http.ServerResponse, passToNext: () => void): boolean;
  close(): Promise<void>;
};

/**
 * The public read path in front of Next: `/`, the detail pages, the v2 JSON, feeds, badges and
 * the embed are answered from bytes rebuilt on change events; RSC refreshes of `/` are
 * coalesced. Pages are rendered by Next, asked over loopback with a per-process header that
 * skips this cache.
 */
export async function startPublicFront(options: { port: number; hostname: string }): Promise<PublicFront> {
  const config = env();
  const secret = randomBytes(18).toString('base64url');
  const host = ['0.0.0.0', '::', ''].includes(options.hostname) ? '127.0.0.1' : options.hostname;
  const feed = await processChangeFeed();
  const rsc = createRscCache();
  const unsubscribe = feed.subscribe((event) => {
    if (event.type !== 'deliveries') rsc.clear();
  });
  const cache: PublicCache = createPublicCache({
    db: getDb,
    feed,
    baseUrl: publicBaseUrl,
    timeZone: config.TZ_DISPLAY,
    defaultLocale: config.DEFAULT_LOCALE,
    renderHtml: (path, locale) => renderThroughNext({ host, port: options.port, path, locale, secret }),
    snapshotFile: snapshotFileFor(config),
    // Open pages refresh on both edges: to show the "as of" notice, and to drop it again.
    onHealthChange: () => feed.publishLocal({ type: 'resync' }),
  });
  installPublicCache(cache);
  // The first build runs once the server listens (it asks Next over loopback).
  setImmediate(() => void cache.rebuild());
  const defaultLocale: Locale = config.DEFAULT_LOCALE;

  return {
    serve(req, res, passToNext) {
      if (req.headers[PRERENDER_HEADER] === secret) return false;
      if (req.method === 'OPTIONS' && req.url?.startsWith('/api/v2/')) {
        res.writeHead(204, CORS_PREFLIGHT_HEADERS);
        res.end();
        return true;
      }
      const route = publicRoute(req, defaultLocale);
      const hit = route ? cache.lookup(route.key) : undefined;
      if (hit) {
        sendEntry(req, res, hit.entry, { asOf: hit.asOf, personal: !route!.shared });
        return true;
      }
      if (route && documentKey.isPage(route.key)) {
        // A detail page not held yet: rendered once, whoever else asks meanwhile waits for it.
        // An unknown id gets Next's 404; a page that cannot be rendered (database away) the
        // designed 503 in the visitor's language.
        void cache.loadPage(route.key).then(
          (loaded) => {
            if (loaded === 'not-found') return passToNext();
            if (loaded === 'unavailable') return sendUnavailable(res, req, visitorLocale(req, defaultLocale));
            sendEntry(req, res, loaded.entry, { asOf: loaded.asOf, personal: !route.shared });
          },
          () => sendUnavailable(res, req, visitorLocale(req, defaultLocale)),
        );
        return true;
      }
      if (route) return false;
      if (req.headers.rsc && !cache.state().healthy && /^\/(\?|$)/.test(req.url ?? '')) {
        // A refresh cannot render without the database: fail fast, and the router falls back
        // to loading `/`, which is the last known page with its "as of" notice.
        res.writeHead(503, { 'Cache-Control': 'no-store', 'Retry-After': '5' });
        res.end();
        return true;
      }
      return rsc.handle(req, res, visitorLocale(req, defaultLocale), passToNext);
    },
    async close() {
      unsubscribe();
      installPublicCache(undefined);
      await cache.close();
    },
  };
}

function sendUnavailable(res: http.ServerResponse, req: http.IncomingMessage, locale: Locale): void {
  const page = unavailablePage(locale, 'public');
  res.writeHead(503, page.headers);
  res.end(req.method === 'HEAD' ? undefined : page.body);
}

function renderThroughNext(target: {
  host: string;
  port: number;
  path: string;
  locale: Locale;
  secret: string;
}): Promise<string | 'gone' | null> {
  return new Promise((resolve) => {
    const request = http.get(
      {
        host: target.host,
        port: target.port,
        path: target.path,
        timeout: RENDER_TIMEOUT_MS,
        headers: { cookie: `${LOCALE_COOKIE}=${target.locale}`, accept: 'text/html', [PRERENDER_HEADER]: target.secret },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve(
            response.statusCode === 200 ? Buffer.concat(chunks).toString('utf8') : response.statusCode === 404 ? 'gone' : null,
          ),
        );
        response.on('error', () => resolve(null));
      },
    );
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve(null));
  });
}
