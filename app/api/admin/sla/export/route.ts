import { currentSession } from '@/lib/auth/current';
import { serviceErrorText } from '@/lib/actions/messages';
import { HTTP_STATUS_FOR, isServiceError, ServiceError } from '@/lib/errors';
import { requestLocale } from '@/lib/i18n/server';
import { getSlaReport } from '@/lib/services/sla-reports/sla-report';
import { slaReportCsv, slaReportJson } from '@/lib/services/sla-reports/sla-export';

export const dynamic = 'force-dynamic';

/** GET ?service=<id>&month=YYYY-MM&format=csv|json — the console report as a download, for anyone signed in. */
export async function GET(request: Request): Promise<Response> {
  const [session, locale] = await Promise.all([currentSession(), requestLocale()]);
  const params = new URL(request.url).searchParams;
  try {
    if (!session) throw new ServiceError('unauthorized', 'session_expired');
    const format = params.get('format') ?? 'csv';
    if (format !== 'csv' && format !== 'json') throw new ServiceError('invalid', 'invalid_input');
    const view = await getSlaReport({
      ctx: session.ctx,
      input: {
        serviceId: params.get('service') || undefined,
        month: params.get('month') || undefined,
      },
    });
    const name = `sla-${view.service.slug.replace(/[^a-zA-Z0-9_-]/g, '-')}-${view.report.month}.${format}`;
    const body = format === 'csv' ? slaReportCsv(view, locale) : slaReportJson(view);
    return new Response(body, {
      headers: {
        'content-type': format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8',
        'content-disposition': `attachment; filename="${name}"`,
        'cache-control': 'private, no-store',
      },
    });
  } catch (error) {
    if (!isServiceError(error)) throw error;
    return new Response(serviceErrorText(locale, error, 'sla'), {
      status: HTTP_STATUS_FOR[error.code],
      headers: {
        'content-type': 'text/plain; charset=utf-8',
        'cache-control': 'no-store',
      },
    });
  }
}
