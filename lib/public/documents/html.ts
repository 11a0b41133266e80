import { createHash } from 'node:crypto';
import { contentSecurityPolicy, securityHeaders } from '../../security/headers';

// A page rendered once and served many times cannot carry a per-request nonce (a reused nonce
// protects nothing), so its inline scripts are allowed by their SHA-256 instead.

const NONCE_ATTRIBUTE = /\snonce="[^"]*"/g;
const INLINE_SCRIPT = /<script\b(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/g;

/** Removes nonces and lists the hashes of the inline scripts, for the CSP of cached HTML. */
export function prepareCachedHtml(rendered: string): { html: string; scriptHashes: string[] } {
  const html = rendered.replace(NONCE_ATTRIBUTE, '');
  const hashes = new Set<string>();
  for (const match of html.matchAll(INLINE_SCRIPT)) {
    if (match[1].length) hashes.add(`sha256-${createHash('sha256').update(match[1]).digest('base64')}`);
  }
  return { html, scriptHashes: [...hashes] };
}

export const PUBLIC_PAGE_CACHING =
  'public, max-age=0, must-revalidate, s-maxage=5, stale-while-revalidate=30, stale-if-error=86400';
/** A copy in the visitor's own language chosen by cookie or Accept-Language (not by the URL). */
export const PERSONAL_COPY_CACHING = 'private, no-cache';

export function cachedHtmlHeaders(scriptHashes: string[]): Record<string, string> {
  return {
    'Content-Type': 'text/html; charset=utf-8',
    // Browsers revalidate on every visit (a change is seen at once, an unchanged page costs a
    // 304); a CDN may hold it a few seconds and bridge an outage (README, "Behind a CDN").
    'Cache-Control': PUBLIC_PAGE_CACHING,
    // RSC: router requests for the same URL get Next's flight data instead (never these bytes).
    // The language is in the URL (?lang=) or the default; other copies are sent private.
    Vary: 'RSC',
    'Content-Security-Policy': contentSecurityPolicy({ scriptHashes, embeddable: false }),
    ...securityHeaders({ embeddable: false }),
  };
}

/** Puts a visible "as of" notice at the top of the main content of a last-known page. */
export function withStaleNotice(html: string, notice: string): string {
  const escaped = notice.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  const block = `<p class="stale-notice" role="status">${escaped}</p>`;
  const main = /<main\b[^>]*>/.exec(html);
  if (main) return html.slice(0, main.index + main[0].length) + block + html.slice(main.index + main[0].length);
  return html.replace(/<body\b[^>]*>/, (body) => body + block);
}
