import type { Locale } from '@/lib/i18n/locales';
import { t } from '@/lib/i18n/messages';

export function formatDuration(ms: number, locale: Locale): string {
  const total = Math.max(0, Math.round(ms / 60_000));
  const tr = t(locale, 'public');
  return total >= 60
    ? tr('durationHM', { hours: Math.floor(total / 60), minutes: total % 60 })
    : tr('durationM', { minutes: total });
}
