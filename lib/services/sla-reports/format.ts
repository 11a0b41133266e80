import type { Locale } from '../../i18n/locales';
import { REPORT_ROUNDING, cutTo } from '../../sla/rounding';

const numberLocale = (locale: Locale) => (locale === 'ja' ? 'ja-JP' : 'en-US');

/**
 * Uptime as reports and the public page print it. Cut, not rounded: 99.99996 % must never read
 * as a round 100 % on a figure a customer may hold us to (the report's rule: lib/sla/rounding).
 */
export function formatUptime(value: number | null, locale: Locale, decimals: number = REPORT_ROUNDING.percentDecimals): string {
  if (value === null) return '—';
  return `${new Intl.NumberFormat(numberLocale(locale), { minimumFractionDigits: decimals, maximumFractionDigits: decimals }).format(cutTo(value, decimals))}%`;
}

/** A duration in the report's one unit, minutes, cut to the report's decimals: "1,234.5". */
export function formatReportMinutes(minutes: number, locale: Locale): string {
  const decimals = REPORT_ROUNDING.minuteDecimals;
  return new Intl.NumberFormat(numberLocale(locale), { maximumFractionDigits: decimals }).format(cutTo(minutes, decimals));
}
