import type http from 'node:http';
import { isLocale, LOCALE_COOKIE, resolveLocale, type Locale } from '../i18n/locales';
import { isV2Document } from '../statuspage/documents';
import { documentKey } from './documents';

const COOKIE_LOCALE = new RegExp(`(?:^|;\\s*)${LOCALE_COOKIE}=(ja|en)(?:;|$)`);

/** The visitor's language exactly as the pages pick it: cookie, Accept-Language, default. */
export function visitorLocale(req: http.IncomingMessage, fallback: Locale): Locale {
  const cookie = req.headers.cookie;
  return resolveLocale({
    explicit: cookie ? COOKIE_LOCALE.exec(cookie)?.[1] : undefined,
    acceptLanguage: req.headers['accept-language'],
    fallback,
  });
}

/**
 * The cache key a public GET/HEAD is answered from, or null when Next should handle it.
 * APIs, feeds and embeds take an explicit `?lang=`; the page follows the visitor.
 */
export function publicDocumentKey(req: http.IncomingMessage, defaultLocale: Locale): string | null {
  if (req.method !== 'GET' && req.method !== 'HEAD') return null;
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  const path = q === -1 ? url : url.slice(0, q);
  const query = q === -1 ? null : new URLSearchParams(url.slice(q + 1));
  const lang = query?.get('lang');
  const explicit = isLocale(lang) ? lang : null;

  if (path === '/') {
    // Router requests (RSC payloads) and prefetches are Next's business.
    if (req.headers.rsc || query?.has('_rsc')) return null;
    return documentKey.html(visitorLocale(req, defaultLocale));
  }
  if (path.startsWith('/api/v2/')) {
    const name = path.slice('/api/v2/'.length);
    return isV2Document(name) ? documentKey.v2(name, explicit ?? defaultLocale) : null;
  }
  switch (path) {
    case '/feed.rss':
      return documentKey.rss(explicit ?? visitorLocale(req, defaultLocale));
    case '/feed.atom':
      return documentKey.atom(explicit ?? visitorLocale(req, defaultLocale));
    case '/embed':
      return documentKey.embed(explicit ?? visitorLocale(req, defaultLocale));
    case '/badge.svg':
      return documentKey.badge(query?.get('component') ?? null, explicit ?? defaultLocale);
    case '/widget.js':
      return documentKey.widget;
    case '/api/evidence/heads.json':
      return documentKey.evidenceHeads;
    default:
      return null;
  }
}
