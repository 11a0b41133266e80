import type { Locale } from '@/lib/i18n/locales';
import { t } from '@/lib/i18n/messages';

/** A verdict in words and colour (never colour alone). */
export function Verdict({ verdict, locale }: { verdict: 'met' | 'missed' | 'pending' | 'no_target'; locale: Locale }) {
  return <span className={`verdict verdict-${verdict}`}>{t(locale, 'sla')(`verdict.${verdict}`)}</span>;
}
