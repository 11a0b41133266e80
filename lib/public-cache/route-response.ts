import type http from 'node:http';
import { createHash } from 'node:crypto';
import { getDb } from '../db';
import { env } from '../env';
import { publicBaseUrl } from '../notices/links';
import { loadPublicSource } from '../statuspage/source';
import { renderDocument } from './documents';
import { publicDocumentKey } from './routes';

/**
 * The same public documents rendered per request by Next's route handlers: used only when the
 * custom server's cache has not answered (before its first build, or under `next dev`).
 */
export async function publicDocumentResponse(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const key = publicDocumentKey(
    { method: request.method, url: url.pathname + url.search, headers: Object.fromEntries(request.headers) } as unknown as http.IncomingMessage,
    env().DEFAULT_LOCALE,
  );
  if (!key) return notFound();
  let doc;
  try {
    doc = renderDocument(await loadPublicSource(await getDb()), key, publicBaseUrl());
  } catch {
    return Response.json({ error: 'The status database is unreachable. Try again in a moment.' }, { status: 503, headers: { 'Retry-After': '5' } });
  }
  if (!doc) return notFound();
  const etag = `"${createHash('sha256').update(doc.body).digest('base64url').slice(0, 22)}"`;
  if (
    request.headers
      .get('if-none-match')
      ?.split(',')
      .some((tag) => tag.trim().replace(/^W\//, '') === etag)
  ) {
    return new Response(null, { status: 304, headers: { ...doc.headers, ETag: etag } });
  }
  return new Response(request.method === 'HEAD' ? null : doc.body, { headers: { ...doc.headers, ETag: etag } });
}

function notFound(): Response {
  return Response.json({ error: 'Not found' }, { status: 404, headers: { 'Access-Control-Allow-Origin': '*' } });
}
