import { getDb } from '../db';
import { env } from '../env';
import { ServiceError } from '../errors';
import { resolveLocale, type Locale } from '../i18n/locales';
import { resolvePage, type PageRow } from '../pages/context';
import type { ServiceContext } from '../services/context';
import { authenticateApiKey } from './auth';
import { errorResponse, type FieldNames } from './errors';
import { unstorablePath } from '../security/unstorable';
import { REMOTE_ADDRESS_HEADER } from '../security/client-address';
import { hitLimit, type LimitRule } from '../security/rate-limit';

export type ManagementRequest<P> = { ctx: ServiceContext; locale: Locale; page: PageRow; request: Request; params: P };

// Counted in the database, so every web instance shares them (lib/security/rate-limit.ts).
// Statuspage allows about one call a second per key; 60 a minute lets a migration script run.
const PER_KEY: LimitRule = { name: 'api-key', limit: 60, windowMs: 60_000 };
// Wrong keys are cheap to refuse but should not be guessable at speed.
const FAILURES_PER_ADDRESS: LimitRule = { name: 'api-key-failures', limit: 20, windowMs: 100_000 };

/**
 * One wrapper for every management route: key from `Authorization: OAuth <key>`, rate limit,
 * the page id in the path (id or slug), then the handler; any failure becomes a JSON error in
 * the caller's language (Accept-Language, else the default) with the right status.
 */
export function managementRoute<P extends { pageId: string }>(
  handler: (input: ManagementRequest<Omit<P, 'pageId'>>) => Promise<Response>,
  options: { namespaces?: string[]; fieldNames?: FieldNames } = {},
) {
  return async (request: Request, context: { params: Promise<P> }): Promise<Response> => {
    const locale = resolveLocale({ acceptLanguage: request.headers.get('accept-language'), fallback: env().DEFAULT_LOCALE });
    try {
      const db = await getDb();
      const address = request.headers.get(REMOTE_ADDRESS_HEADER) ?? 'unknown';
      const actor = await authenticateApiKey(db, request.headers.get('authorization')).catch(async (error: unknown) => {
        const limited = await hitLimit(db, FAILURES_PER_ADDRESS, address);
        throw limited.allowed ? error : rateLimited(limited.retryAfterSeconds);
      });
      const limited = await hitLimit(db, PER_KEY, actor.keyId);
      if (!limited.allowed) throw rateLimited(limited.retryAfterSeconds);
      const { pageId, ...params } = await context.params;
      const page = await resolvePage(db);
      if (pageId !== page.id && pageId !== page.slug) throw new ServiceError('not_found', 'page_not_found');
      return await handler({ ctx: { db, actor }, locale, page, request, params });
    } catch (error) {
      const response = errorResponse(error, locale, options);
      if (error instanceof RateLimited) response.headers.set('Retry-After', String(error.retryAfterSeconds));
      if (response.status === 401) response.headers.set('WWW-Authenticate', 'OAuth realm="Shirase management API"');
      return response;
    }
  };
}

class RateLimited extends ServiceError {
  constructor(readonly retryAfterSeconds: number) {
    super('rate_limited', 'rate_limited');
  }
}
const rateLimited = (seconds: number) => new RateLimited(seconds);

/** The JSON body, or `invalid` with a clear message when it is not JSON or not the expected wrapper. */
export async function readBody(request: Request): Promise<unknown> {
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    throw new ServiceError('invalid', 'invalid_json');
  }
  const unstorable = unstorablePath(body);
  if (unstorable) throw new ServiceError('invalid', 'invalid_input', { [unstorable]: ['invalid'] });
  return body;
}

/** A field of `body[wrapper]` this API does not take is refused by name (422), never dropped. */
export function refuseUnknownFields(body: unknown, wrapper: string, known: readonly string[]): void {
  const given = body && typeof body === 'object' ? (body as Record<string, unknown>)[wrapper] : undefined;
  if (!given || typeof given !== 'object' || Array.isArray(given)) return;
  const unknown = Object.keys(given).filter((key) => !known.includes(key));
  if (unknown.length)
    throw new ServiceError(
      'invalid',
      'invalid_input',
      Object.fromEntries(unknown.map((key) => [`${wrapper}.${key}`, ['unknown_field']])),
    );
}
