import type { Locale } from '@/lib/i18n/locales';
import type { Translator } from '@/lib/i18n/messages';

import { formatReportMinutes } from '@/lib/services/sla-reports/format';

export { formatUptime } from '@/lib/services/sla-reports/format';

export function formatTarget(value: number | null, locale: Locale): string {
  return value === null
    ? '—'
    : `${new Intl.NumberFormat(locale === 'ja' ? 'ja-JP' : 'en-US', { maximumFractionDigits: 3 }).format(value)}%`;
}

/** Every duration in the report is in minutes, cut by the report's rounding rule: "95分" / "95 min". */
export function formatMinutes(minutes: number, tr: Translator, locale: Locale): string {
  return tr('duration.minutes', { n: formatReportMinutes(minutes, locale) });
}

export function monthLabel(month: string, locale: Locale, short = false): string {
  const [year, m] = month.split('-').map(Number);
  const date = new Date(Date.UTC(year, m - 1, 1));
  const options: Intl.DateTimeFormatOptions = short
    ? { month: 'short', timeZone: 'UTC' }
    : { year: 'numeric', month: 'long', timeZone: 'UTC' };
  return new Intl.DateTimeFormat(locale === 'ja' ? 'ja-JP' : 'en-US', options).format(date);
}

export function shiftMonth(month: string, by: number): string {
  const [year, m] = month.split('-').map(Number);
  const date = new Date(Date.UTC(year, m - 1 + by, 1));
  return `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, '0')}`;
}

export const localizedLabel = (label: { ja: string; en: string }, locale: Locale) => label[locale];
export const bilingual = (name: { ja: string; en: string | null } | undefined, locale: Locale) =>
  name ? (locale === 'en' && name.en ? name.en : name.ja) : '';
