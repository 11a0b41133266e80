import { env } from '@/lib/env';
import { errorResponse } from '@/lib/api/errors';
import { getDb } from '@/lib/db';
import { hitLimit, type LimitRule } from '@/lib/security/rate-limit';
import { resolveLocale } from '@/lib/i18n/locales';
import { pingMonitor } from '@/lib/services/monitors/ping';

export const dynamic = 'force-dynamic';

// A cron job that loops must not turn into a monitor write per request: 60 pings a minute per
// token (one small upsert each, shared by all instances: lib/security/rate-limit.ts).
const PER_TOKEN: LimitRule = { name: 'monitor-push', limit: 60, windowMs: 60_000 };

/** Heartbeat of a push monitor: `curl -fsS $BASE/api/push/<token>` (GET, HEAD or POST; the body is ignored). */
async function ping(request: Request, context: { params: Promise<{ token: string }> }): Promise<Response> {
  const { token } = await context.params;
  const locale = resolveLocale({ acceptLanguage: request.headers.get('accept-language'), fallback: env().DEFAULT_LOCALE });
  try {
    const db = await getDb();
    const limited = await hitLimit(db, PER_TOKEN, token.slice(0, 64));
    if (!limited.allowed)
      return Response.json(
        { ok: true, throttled: true },
        { status: 429, headers: { 'Retry-After': String(limited.retryAfterSeconds) } },
      );
    await pingMonitor({ db, token });
    return Response.json({ ok: true }, { headers: { 'Cache-Control': 'no-store' } });
  } catch (error) {
    return errorResponse(error, locale, { namespaces: ['monitors'] });
  }
}

export const GET = ping;
export const POST = ping;
export const HEAD = ping;
