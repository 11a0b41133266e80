import type { Locale } from '@/lib/i18n/locales';
import { t } from '@/lib/i18n/messages';

export function themeLabels(locale: Locale) {
  const tr = t(locale, 'branding');
  return { legend: tr('theme.legend'), system: tr('theme.system'), light: tr('theme.light'), dark: tr('theme.dark') };
}
