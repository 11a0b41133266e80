import type { IncomingHttpHeaders } from 'node:http';

// Next refuses a server action whose Origin differs from its host, but by throwing, which
// answers 500 and logs an error for every forged request. The custom server answers these
// with 403 first (lib/runtime/http-server.ts), using the same rule as Next: the Origin's
// host must equal X-Forwarded-Host, or Host when no proxy set it.

/**
 * True for a server-action POST whose Origin names another site (or the opaque "null"). Without
 * JavaScript an action arrives as a plain form post (the action id is a form field, no
 * Next-Action header), so every form post to a page counts; the webhooks, the API and RFC 8058
 * one-click unsubscribe (posted by mail providers) are not actions.
 */
export function isForeignOriginAction(method: string | undefined, headers: IncomingHttpHeaders, url = '/'): boolean {
  if (method !== 'POST' || !(headers['next-action'] || isPageFormPost(headers, url))) return false;
  const origin = headers.origin;
  // Browsers send Origin on every cross-site POST; its absence means a same-site or non-browser client.
  if (origin === undefined) return false;
  const expected = first(headers['x-forwarded-host']) ?? headers.host;
  return !expected || hostOf(origin) !== expected.toLowerCase();
}

function isPageFormPost(headers: IncomingHttpHeaders, url: string): boolean {
  const type = headers['content-type']?.toLowerCase() ?? '';
  return (
    (type.startsWith('multipart/form-data') || type.startsWith('application/x-www-form-urlencoded')) &&
    !/^\/(?:api|u)\//.test(url)
  );
}

function first(value: string | string[] | undefined): string | undefined {
  const raw = Array.isArray(value) ? value[0] : value;
  return raw?.split(',')[0]?.trim() || undefined;
}

function hostOf(origin: string): string | null {
  try {
    return new URL(origin).host.toLowerCase();
  } catch {
    return null;
  }
}
