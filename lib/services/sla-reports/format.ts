import type { Locale } from '../../i18n/locales';

/**
 * Uptime as reports and the public page print it. Cut, not rounded: 99.9996 % must never read
 * as a round 100 % on a figure a customer may hold us to.
 */
export function formatUptime(value: number | null, locale: Locale, decimals = 3): string {
  if (value === null) return '—';
  const scale = 10 ** decimals;
  const cut = Math.floor(value * scale + 1e-9) / scale;
  return `${new Intl.NumberFormat(locale === 'ja' ? 'ja-JP' : 'en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals }).format(cut)}%`;
}
