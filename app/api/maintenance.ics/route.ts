import { createHash } from 'node:crypto';
import { getDb } from '@/lib/db';
import { loadMaintenanceFeed } from '@/lib/public/documents/maintenance-ical';
import { requestLocale } from '@/lib/i18n/server';
import { t } from '@/lib/i18n/messages';
import { publicBaseUrl } from '@/lib/notices/links';

export const dynamic = 'force-dynamic';

/** GET /api/maintenance.ics (every component) or ?component=<id> (one component's maintenance). */
export async function GET(request: Request): Promise<Response> {
  const componentId = new URL(request.url).searchParams.get('component');
  const feed = await loadMaintenanceFeed(await getDb(), {
    componentId: componentId || null,
    fallbackOrigin: publicBaseUrl(),
    now: new Date(),
  });
  if (!feed) {
    return new Response(t(await requestLocale(), 'maintenance')('ical.unknownComponent'), {
      status: 404,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
    });
  }
  const etag = `"${createHash('sha256').update(feed.ics).digest('base64url').slice(0, 27)}"`;
  const headers = {
    'content-type': 'text/calendar; charset=utf-8',
    'content-disposition': 'inline; filename="maintenance.ics"',
    'cache-control': 'public, max-age=300',
    etag,
    ...(feed.lastModified ? { 'last-modified': feed.lastModified.toUTCString() } : {}),
  };
  if (request.headers.get('if-none-match') === etag) return new Response(null, { status: 304, headers });
  return new Response(feed.ics, { status: 200, headers });
}
