import type http from 'node:http';
import { env } from '../env';
import type { Locale } from '../i18n/locales';
import { t } from '../i18n/messages';
import { visitorLocale } from '../public/http/routes';
import { bearerTokenMatches } from '../security/bearer-token';

// What the custom server refuses before Next sees a request: targets and methods Next cannot
// handle (they would be 500s), bodies larger than the route takes, and webhooks without their
// token or signature header. All of it is decided from the request line and headers, so a
// refused body is never read into memory: a flood of large unsigned POSTs costs nothing.

const ALLOWED_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];
const KiB = 1024;

type BodyRule = { path: RegExp; maxBytes: number; bearer?: () => string | undefined; signatureHeader?: string };

/** Per-route body limits, far below Next's 10 MB: what each sender can legitimately need. */
const BODY_RULES: BodyRule[] = [
  { path: /^\/api\/webhooks\/line\/?(?:\?|$)/, maxBytes: 256 * KiB, signatureHeader: 'x-line-signature' },
  { path: /^\/api\/webhooks\/chatwork\/?(?:\?|$)/, maxBytes: 64 * KiB, signatureHeader: 'x-chatworkwebhooksignature' },
  { path: /^\/api\/webhooks\/alertmanager\/?(?:\?|$)/, maxBytes: 1024 * KiB, bearer: () => env().ALERTMANAGER_TOKEN },
  { path: /^\/api\/v1\//, maxBytes: 256 * KiB },
  { path: /^\/u\//, maxBytes: 8 * KiB },
];
/** Pages and server actions: Next's own server-action limit. */
const DEFAULT_MAX_BYTES = 1024 * KiB;

/** Limits in force, for the README and tests. */
export function bodyLimitFor(url: string): number {
  return BODY_RULES.find((rule) => rule.path.test(url))?.maxBytes ?? DEFAULT_MAX_BYTES;
}

/** Answers the request when it must not reach Next; returns true when it did. */
export function refuseAtTheDoor(req: http.IncomingMessage, res: http.ServerResponse): boolean {
  const url = req.url ?? '';
  const method = req.method ?? '';
  const locale = () => visitorLocale(req, env().DEFAULT_LOCALE);
  // `OPTIONS *` and absolute-form targets: nothing here is addressed that way.
  if (!url.startsWith('/')) return refuse(req, res, 400, text(locale(), 'door.badTarget'));
  if (!ALLOWED_METHODS.includes(method)) {
    return refuse(req, res, 405, text(locale(), 'door.method', { allowed: ALLOWED_METHODS.join(', ') }), {
      Allow: ALLOWED_METHODS.join(', '),
    });
  }
  if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return false;
  const rule = BODY_RULES.find((r) => r.path.test(url));
  if (rule?.bearer && !bearerTokenMatches(header(req, 'authorization'), rule.bearer())) {
    return refuse(
      req,
      res,
      401,
      JSON.stringify({ error: t(locale(), 'api')('errors.alert_token_invalid'), code: 'alert_token_invalid' }),
      {
        'Content-Type': 'application/json; charset=utf-8',
      },
    );
  }
  if (rule?.signatureHeader && !header(req, rule.signatureHeader)) {
    return refuse(req, res, 401, text(locale(), 'door.signatureMissing', { header: rule.signatureHeader }));
  }
  const declared = header(req, 'content-length');
  const limit = rule?.maxBytes ?? DEFAULT_MAX_BYTES;
  if (declared === null) {
    // A chunked body's size is known only once read; the senders that matter always declare it.
    if (header(req, 'transfer-encoding') !== null) return refuse(req, res, 411, text(locale(), 'door.lengthRequired'));
    return false;
  }
  if (Number(declared) > limit)
    return refuse(req, res, 413, text(locale(), 'door.tooLarge', { limit: `${Math.round(limit / KiB)} KiB` }));
  return false;
}

function header(req: http.IncomingMessage, name: string): string | null {
  const value = req.headers[name];
  return (Array.isArray(value) ? value[0] : value) ?? null;
}

function text(locale: Locale, key: string, values?: Record<string, string>): string {
  return `${t(locale, 'outside')(key, values)}\n`;
}

function refuse(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  status: number,
  body: string,
  headers: Record<string, string> = {},
): true {
  // Close rather than drain: an unread body is dropped with the connection.
  const hasBody = req.headers['content-length'] !== undefined || req.headers['transfer-encoding'] !== undefined;
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Cache-Control': 'no-store',
    ...(hasBody ? { Connection: 'close' } : {}),
    ...headers,
  });
  res.end(req.method === 'HEAD' ? undefined : body);
  return true;
}
