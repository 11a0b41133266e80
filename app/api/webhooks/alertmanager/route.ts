import { ingestAlertmanagerPayload } from '@/lib/services/alerts/ingest';
import { alertmanagerPayload } from '@/lib/services/alerts/payload';
import { errorResponse } from '@/lib/api/errors';
import { getDb } from '@/lib/db';
import { env } from '@/lib/env';
import { ServiceError } from '@/lib/errors';
import { resolveLocale } from '@/lib/i18n/locales';
import { bearerTokenMatches } from '@/lib/security/bearer-token';
import { unstorablePath } from '@/lib/security/unstorable';
import { systemActor } from '@/lib/services/context';

export const dynamic = 'force-dynamic';

/** Prometheus Alertmanager webhook (version 4), authorised by `Bearer ALERTMANAGER_TOKEN`. */
export async function POST(request: Request) {
  const config = env();
  const locale = resolveLocale({ acceptLanguage: request.headers.get('accept-language'), fallback: config.DEFAULT_LOCALE });
  try {
    const authorization = request.headers.get('authorization');
    if (!bearerTokenMatches(authorization, config.ALERTMANAGER_TOKEN)) {
      throw new ServiceError('unauthorized', authorization ? 'alert_token_invalid' : 'alert_token_missing');
    }
    const parsed = alertmanagerPayload.safeParse(await request.json().catch(() => null));
    if (!parsed.success || unstorablePath(parsed.data)) throw new ServiceError('invalid', 'alert_payload');
    const outcomes = await ingestAlertmanagerPayload({
      ctx: { db: await getDb(), actor: systemActor('alertmanager') },
      payload: parsed.data,
    });
    return Response.json({ alerts: outcomes });
  } catch (error) {
    return errorResponse(error, locale);
  }
}
