import 'server-only';
import { serviceErrorText } from '@/lib/actions/messages';
import type { Signed } from '@/lib/auth/current';
import { isServiceError } from '@/lib/errors';
import type { Locale } from '@/lib/i18n/locales';
import { getSlaReport, type SlaReportView } from '@/lib/services/sla-reports/sla-report';

export type SearchParams = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (typeof v === 'string' && v !== '' ? v : undefined);

/** The report the query asks for, or the reason it cannot be shown in the user's language. */
export async function loadReportFor(
  session: Signed,
  query: SearchParams,
  locale: Locale,
  options: { verifyChain: boolean },
): Promise<{ view: SlaReportView } | { error: string; key: string }> {
  try {
    const input = { serviceId: one(query.service), month: one(query.month) };
    return { view: await getSlaReport({ ctx: session.ctx, input, verifyChain: options.verifyChain }) };
  } catch (error) {
    if (!isServiceError(error)) throw error;
    const fields = error.fieldErrors ?? {};
    const key = fields.month
      ? fields.month[0] === 'month_in_future'
        ? 'month_in_future'
        : 'month_invalid'
      : fields.serviceId
        ? 'service_not_found'
        : error.messageKey;
    return { error: serviceErrorText(locale, { code: error.code, messageKey: key }, 'sla'), key };
  }
}

export const reportQuery = (serviceId: string, month: string) => `service=${encodeURIComponent(serviceId)}&month=${month}`;
