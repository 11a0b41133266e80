import { headsDocument } from '../../evidence/heads-document';
import { buildFeeds } from './feeds';
import { isLocale, LOCALES, type Locale } from '../../i18n/locales';
import { localized } from '../../i18n/localized';
import { contentSecurityPolicy, securityHeaders } from '../../security/headers';
import { worstStatus } from '../../status/overall';
import { buildV2Document, isV2Document, V2_DOCUMENTS } from './v2';
import type { PublicSource } from '../read/source';
import { statusBadge } from './badge';
import { embedHtml, widgetScript } from './embed';
import { createEntry, type CachedEntry } from '../cache/entry';

/** Cache keys: what a request asks for, in which language. */
export const documentKey = {
  v2: (name: string, locale: Locale) => `v2:${name}:${locale}`,
  rss: (locale: Locale) => `feed:rss:${locale}`,
  atom: (locale: Locale) => `feed:atom:${locale}`,
  badge: (componentId: string | null, locale: Locale) => `badge:${componentId ?? 'page'}:${locale}`,
  embed: (locale: Locale) => `embed:${locale}`,
  html: (locale: Locale) => `html:/:${locale}`,
  /** A detail page by its canonical path (lib/public-cache/pages.ts). */
  page: (path: string, locale: Locale) => `html:${path}:${locale}`,
  isPage: (key: string) => key.startsWith('html:') && !key.startsWith('html:/:'),
  widget: 'widget.js',
  evidenceHeads: 'evidence/heads.json',
};

export type RenderedDocument = { body: string; headers: Record<string, string> };

const JSON_HEADERS = {
  'Content-Type': 'application/json; charset=utf-8',
  // Short enough that a CDN in front shows a change within seconds; stale-if-error rides out an outage.
  'Cache-Control': 'public, max-age=10, s-maxage=5, stale-while-revalidate=60, stale-if-error=86400',
  'Access-Control-Allow-Origin': '*',
  'X-Content-Type-Options': 'nosniff',
};
const feedHeaders = (type: string) => ({
  'Content-Type': `${type}; charset=utf-8`,
  'Cache-Control': 'public, max-age=60, s-maxage=30, stale-while-revalidate=60, stale-if-error=86400',
  'Access-Control-Allow-Origin': '*',
  'X-Content-Type-Options': 'nosniff',
});
const BADGE_HEADERS = {
  'Content-Type': 'image/svg+xml; charset=utf-8',
  'Cache-Control': 'public, max-age=30, s-maxage=10, stale-while-revalidate=60, stale-if-error=86400',
  'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
  'X-Content-Type-Options': 'nosniff',
};
const EMBED_HEADERS = {
  'Content-Type': 'text/html; charset=utf-8',
  'Cache-Control': 'public, max-age=30, s-maxage=10, stale-while-revalidate=60, stale-if-error=86400',
  'Content-Security-Policy': contentSecurityPolicy({ embeddable: true }),
  ...securityHeaders({ embeddable: true }),
};
const WIDGET_HEADERS = {
  'Content-Type': 'text/javascript; charset=utf-8',
  'Cache-Control': 'public, max-age=300, stale-while-revalidate=3600, stale-if-error=86400',
  'Access-Control-Allow-Origin': '*',
  'X-Content-Type-Options': 'nosniff',
};

/** Every key buildDocuments produces for this data (all but the HTML page). */
export function documentKeys(source: PublicSource): string[] {
  return LOCALES.flatMap((locale) => [
    ...V2_DOCUMENTS.map((name) => documentKey.v2(name, locale)),
    documentKey.rss(locale),
    documentKey.atom(locale),
    documentKey.badge(null, locale),
    ...source.components.map((c) => documentKey.badge(c.id, locale)),
    documentKey.embed(locale),
  ]).concat(documentKey.evidenceHeads);
}

// RSS and Atom come from one Feed object: build it once per source and language.
const builtFeeds = new WeakMap<PublicSource, Map<string, { rss: string; atom: string }>>();
function feedsOf(source: PublicSource, locale: Locale, baseUrl: string) {
  const byLocale = builtFeeds.get(source) ?? new Map<string, { rss: string; atom: string }>();
  builtFeeds.set(source, byLocale);
  const key = `${locale} ${baseUrl}`;
  if (!byLocale.has(key)) byLocale.set(key, buildFeeds(source, { locale, baseUrl }));
  return byLocale.get(key)!;
}

/** One document by its key, or null when the key names nothing (e.g. an unknown component). */
export function renderDocument(source: PublicSource, key: string, baseUrl: string): RenderedDocument | null {
  if (key === documentKey.widget) return { body: widgetScript(source.brandColor ?? null), headers: WIDGET_HEADERS };
  if (key === documentKey.evidenceHeads)
    return { body: JSON.stringify(headsDocument(source.evidenceHeads)), headers: JSON_HEADERS };
  const [kind, name, locale] = splitKey(key);
  if (!isLocale(locale)) return null;
  const options = { locale, baseUrl };
  switch (kind) {
    case 'v2':
      return isV2Document(name) ? { body: JSON.stringify(buildV2Document(name, source, options)), headers: JSON_HEADERS } : null;
    case 'feed':
      if (name === 'rss') return { body: feedsOf(source, locale, baseUrl).rss, headers: feedHeaders('application/rss+xml') };
      return name === 'atom'
        ? { body: feedsOf(source, locale, baseUrl).atom, headers: feedHeaders('application/atom+xml') }
        : null;
    case 'badge': {
      if (name === 'page') {
        const label = localized(locale, source.page.name, source.page.nameEn);
        const status = source.components.length ? worstStatus(source.components.map((c) => c.status)) : null;
        return { body: statusBadge({ label, status, locale }), headers: BADGE_HEADERS };
      }
      const component = source.components.find((c) => c.id === name);
      return component
        ? {
            body: statusBadge({ label: localized(locale, component.name, component.nameEn), status: component.status, locale }),
            headers: BADGE_HEADERS,
          }
        : null;
    }
    case 'embed':
      return { body: embedHtml(source, options), headers: EMBED_HEADERS };
    default:
      return null;
  }
}

/** "v2:incidents/unresolved.json:en" → kind, name, locale (names may contain ':' never, '/' often). */
function splitKey(key: string): [string, string, string] {
  const first = key.indexOf(':');
  const last = key.lastIndexOf(':');
  if (first === last) return [key.slice(0, first), '', key.slice(first + 1)];
  return [key.slice(0, first), key.slice(first + 1, last), key.slice(last + 1)];
}

/** Every database-derived public document except the HTML page, in every language. */
export function buildDocuments(
  source: PublicSource,
  baseUrl: string,
  previous: Map<string, CachedEntry> = new Map(),
): Map<string, CachedEntry> {
  const entries = new Map<string, CachedEntry>();
  for (const key of documentKeys(source)) {
    const doc = renderDocument(source, key, baseUrl);
    if (doc) entries.set(key, createEntry(doc.body, doc.headers, source.loadedAt, previous.get(key)));
  }
  return entries;
}

/** The widget in the page's colour (the default look until the first build has read it). */
export function buildWidgetEntry(brandColor: string | null = null, previous?: CachedEntry): CachedEntry {
  return createEntry(widgetScript(brandColor), WIDGET_HEADERS, undefined, previous);
}
