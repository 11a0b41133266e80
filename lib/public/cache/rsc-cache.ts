import type http from 'node:http';
import { createEntry, type CachedEntry } from './entry';
import { sendEntry } from '../http/respond';

// Every open status page refreshes itself (router.refresh) when a change event arrives, so
// thousands of identical RSC requests for `/` come at once. The first per variant is rendered
// by Next and captured; the others wait for it and get the same bytes. Cleared on change.

const ROUTER_HEADERS = ['rsc', 'next-router-state-tree', 'next-router-prefetch', 'next-router-segment-prefetch', 'next-url'];
const NOT_REPLAYED = new Set([
  'content-length',
  'content-encoding',
  'transfer-encoding',
  'connection',
  'keep-alive',
  'date',
  'etag',
  'set-cookie',
]);
const MAX_VARIANTS = 64;
/**
 * After a refresh the router re-prefetches every link on the page; those metadata-only
 * prefetches of public pages are the same for everyone, so they are coalesced too.
 */
const PUBLIC_PREFETCH = /^\/(history|maintenance|subscribe|incidents\/[^/?]+|maintenance\/[^/?]+)?$/;

export type RscCache = {
  /** Takes over an RSC request for `/` or a public prefetch (answers it, or lets Next answer and captures it); false otherwise. */
  handle(req: http.IncomingMessage, res: http.ServerResponse, locale: string, passToNext: () => void): boolean;
  clear(): void;
};

export function createRscCache(options: { maxAgeMs?: number } = {}): RscCache {
  const maxAge = options.maxAgeMs ?? 60_000;
  const entries = new Map<string, CachedEntry>();
  const inflight = new Map<string, Promise<CachedEntry | null>>();
  let generation = 0;

  function capture(key: string, res: http.ServerResponse): Promise<CachedEntry | null> {
    const started = generation;
    const chunks: Buffer[] = [];
    const collect = (chunk: unknown, encoding?: unknown) => {
      if (typeof chunk === 'string')
        chunks.push(Buffer.from(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8'));
      else if (chunk instanceof Uint8Array) chunks.push(Buffer.from(chunk));
    };
    const write = res.write.bind(res) as (...args: unknown[]) => boolean;
    const end = res.end.bind(res) as (...args: unknown[]) => http.ServerResponse;
    res.write = ((chunk: unknown, ...rest: unknown[]) => {
      collect(chunk, rest[0]);
      return write(chunk, ...rest);
    }) as typeof res.write;
    res.end = ((chunk?: unknown, ...rest: unknown[]) => {
      if (typeof chunk !== 'function') collect(chunk, rest[0]);
      return end(chunk, ...rest);
    }) as typeof res.end;
    return new Promise((resolve) => {
      res.on('close', () => {
        inflight.delete(key);
        const cacheable =
          res.statusCode === 200 && res.writableFinished && !res.hasHeader('set-cookie') && started === generation;
        if (!cacheable) return resolve(null);
        const entry = createEntry(Buffer.concat(chunks), replayableHeaders(res));
        if (entries.size >= MAX_VARIANTS) entries.delete(entries.keys().next().value!);
        entries.set(key, entry);
        resolve(entry);
      });
    });
  }

  return {
    handle(req, res, locale, passToNext) {
      if (req.method !== 'GET' || !req.headers.rsc) return false;
      const path = (req.url ?? '/').split('?', 1)[0];
      if (path !== '/' && !(req.headers['next-router-prefetch'] && PUBLIC_PREFETCH.test(path))) return false;
      const key = [path, locale, ...ROUTER_HEADERS.map((h) => req.headers[h] ?? '')].join('\n');
      const hit = entries.get(key);
      if (hit && Date.now() - hit.builtAt.getTime() < maxAge) {
        sendEntry(req, res, hit);
        return true;
      }
      const pending = inflight.get(key);
      if (pending) {
        void pending.then((entry) => (entry ? sendEntry(req, res, entry) : passToNext()));
        return true;
      }
      // Captured bytes are re-encoded per client, so ask Next for the identity encoding.
      delete req.headers['accept-encoding'];
      inflight.set(key, capture(key, res));
      passToNext();
      return true;
    },
    clear() {
      generation++;
      entries.clear();
    },
  };
}

function replayableHeaders(res: http.ServerResponse): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(res.getHeaders())) {
    if (value === undefined || NOT_REPLAYED.has(name)) continue;
    headers[name] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return headers;
}
