import type http from 'node:http';
import { isLocale, LOCALE_COOKIE, resolveLocale, type Locale } from '../../i18n/locales';
import { isV2Document } from '../documents/v2';
import { documentKey } from '../documents/catalog';

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

/** Where a cached document comes from, and whether a shared cache (a CDN) may keep this copy. */
export type PublicRoute = { key: string; shared: boolean };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/**
 * The detail page a path names, in the one form it is rendered and held under (unknown query
 * parameters dropped, so `?utm_source=…` shares the bytes), or null when it names none.
 */
export function canonicalPagePath(path: string, query: URLSearchParams | null): string | null {
  const month = query?.get('month');
  const monthQuery = month && MONTH.test(month) ? `month=${month}` : null;
  if (path === '/history') return monthQuery ? `/history?${monthQuery}` : path;
  if (path === '/maintenance') {
    const component = query?.get('component');
    const params = [monthQuery, component && UUID.test(component) ? `component=${component.toLowerCase()}` : null].filter(
      Boolean,
    );
    return params.length ? `/maintenance?${params.join('&')}` : path;
  }
  const detail = /^\/(incidents|maintenance)\/([^/]+)$/.exec(path);
  return detail && UUID.test(detail[2]) ? `/${detail[1]}/${detail[2].toLowerCase()}` : null;
}

/** The cache key a public GET/HEAD is answered from, or null when Next should handle it. */
export function publicDocumentKey(req: http.IncomingMessage, defaultLocale: Locale): string | null {
  return publicRoute(req, defaultLocale)?.key ?? null;
}

/**
 * APIs, badges and the widget take an explicit `?lang=` (default language without it). Pages,
 * feeds and the embed take `?lang=` too, else follow the visitor (cookie, Accept-Language); a
 * copy in another language than the default is then this visitor's own, never a CDN's.
 */
export function publicRoute(req: http.IncomingMessage, defaultLocale: Locale): PublicRoute | null {
  if (req.method !== 'GET' && req.method !== 'HEAD') return null;
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  const path = q === -1 ? url : url.slice(0, q);
  const query = q === -1 ? null : new URLSearchParams(url.slice(q + 1));
  const lang = query?.get('lang');
  const explicit = isLocale(lang) ? lang : null;
  const followVisitor = (key: (locale: Locale) => string): PublicRoute => {
    if (explicit) return { key: key(explicit), shared: true };
    const locale = visitorLocale(req, defaultLocale);
    return { key: key(locale), shared: locale === defaultLocale };
  };
  const fixed = (key: string): PublicRoute => ({ key, shared: true });

  if (path === '/') {
    // Router requests (RSC payloads) and prefetches are Next's business.
    if (req.headers.rsc || query?.has('_rsc')) return null;
    return followVisitor(documentKey.html);
  }
  if (path.startsWith('/api/v2/')) {
    const name = path.slice('/api/v2/'.length);
    return isV2Document(name) ? fixed(documentKey.v2(name, explicit ?? defaultLocale)) : null;
  }
  switch (path) {
    case '/feed.rss':
      return followVisitor(documentKey.rss);
    case '/feed.atom':
      return followVisitor(documentKey.atom);
    case '/embed':
      return followVisitor(documentKey.embed);
    case '/badge.svg':
      return fixed(documentKey.badge(query?.get('component') ?? null, explicit ?? defaultLocale));
    case '/widget.js':
      return fixed(documentKey.widget);
    case '/api/evidence/heads.json':
      return fixed(documentKey.evidenceHeads);
  }
  if (req.headers.rsc || query?.has('_rsc')) return null;
  const page = canonicalPagePath(path, query);
  return page ? followVisitor((locale) => documentKey.page(page, locale)) : null;
}
