import type http from 'node:http';
import { getDb } from '../../db';
import { env } from '../../env';
import { resolveLocale } from '../../i18n/locales';
import { t } from '../../i18n/messages';
import { publicBaseUrl } from '../../notices/links';
import { RETRY_AFTER_SECONDS } from './unavailable-page';
import { matchesIfNoneMatch, validatorOf } from '../cache/entry';
import { renderDocument } from '../documents/catalog';
import { loadPublicSource } from '../read/source';
import { publicDocumentKey } from './routes';

/**
 * The same public documents rendered per request by Next's route handlers: used only when the
 * custom server's cache has not answered (before its first build, or under `next dev`). Same
 * validators and conditional rule as the cached bytes (lib/public/cache/entry.ts).
 */
export async function publicDocumentResponse(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const locale = resolveLocale({
    explicit: url.searchParams.get('lang'),
    acceptLanguage: request.headers.get('accept-language'),
    fallback: env().DEFAULT_LOCALE,
  });
  const key = publicDocumentKey(
    {
      method: request.method,
      url: url.pathname + url.search,
      headers: Object.fromEntries(request.headers),
    } as unknown as http.IncomingMessage,
    env().DEFAULT_LOCALE,
  );
  const notFound = () =>
    Response.json(
      { error: t(locale, 'api')('errors.document_not_found'), code: 'document_not_found' },
      { status: 404, headers: { 'Access-Control-Allow-Origin': '*' } },
    );
  if (!key) return notFound();
  let doc;
  try {
    doc = renderDocument(await loadPublicSource(await getDb()), key, publicBaseUrl());
  } catch {
    return Response.json(
      { error: t(locale, 'api')('errors.database_unavailable'), code: 'database_unavailable' },
      { status: 503, headers: { 'Retry-After': String(RETRY_AFTER_SECONDS), 'Cache-Control': 'no-store' } },
    );
  }
  if (!doc) return notFound();
  const etag = validatorOf(Buffer.from(doc.body));
  const headers = { ...doc.headers, ETag: etag };
  if (matchesIfNoneMatch({ etag }, request.headers.get('if-none-match') ?? undefined))
    return new Response(null, { status: 304, headers });
  return new Response(request.method === 'HEAD' ? null : doc.body, { headers });
}
