import { env } from '@/lib/env';
import { errorResponse } from '@/lib/api/errors';
import { createRateLimiter } from '@/lib/api/rate-limit';
import { getDb } from '@/lib/db';
import { resolveLocale } from '@/lib/i18n/locales';
import { pingMonitor } from '@/lib/services/monitors/ping';

export const dynamic = 'force-dynamic';

// A cron job that loops must not turn into a write per request: 10 pings, then one a second.
const perToken = createRateLimiter({ capacity: 10, refillPerSecond: 1 });

/** Heartbeat of a push monitor: `curl -fsS $BASE/api/push/<token>` (GET, HEAD or POST; the body is ignored). */
async function ping(request: Request, context: { params: Promise<{ token: string }> }): Promise<Response> {
  const { token } = await context.params;
  const locale = resolveLocale({ acceptLanguage: request.headers.get('accept-language'), fallback: env().DEFAULT_LOCALE });
  const limited = perToken.take(token.slice(0, 64));
  if (!limited.allowed) return Response.json({ ok: true, throttled: true }, { status: 429, headers: { 'Retry-After': String(limited.retryAfterSeconds) } });
  try {
    await pingMonitor({ db: await getDb(), token });
    return Response.json({ ok: true }, { headers: { 'Cache-Control': 'no-store' } });
  } catch (error) {
    return errorResponse(error, locale, { namespaces: ['monitors'] });
  }
}

export const GET = ping;
export const POST = ping;
export const HEAD = ping;
