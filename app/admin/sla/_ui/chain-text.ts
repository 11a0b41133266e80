import type { ChainVerdict } from '@/lib/evidence/verify';
import { formatDateTime } from '@/lib/i18n/format';
import type { Locale } from '@/lib/i18n/locales';
import { t } from '@/lib/i18n/messages';

/** The verdict as one sentence, for the report page and the "verify" button alike. */
export function chainVerdictText(verdict: ChainVerdict, at: Date, locale: Locale, timeZone: string): string {
  const tr = t(locale, 'sla');
  const when = formatDateTime(at, locale, timeZone);
  return verdict.ok
    ? tr('chain.intactDetail', { rows: verdict.rows, at: when })
    : tr('chain.brokenDetail', {
        seq: verdict.brokenAt,
        reason: tr(`chain.reason.${verdict.reason}`),
        at: when,
      });
}
