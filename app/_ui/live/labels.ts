import type { Locale } from '@/lib/i18n/locales';
import { t } from '@/lib/i18n/messages';
import type { LiveLabels } from './LiveUpdates';

/** The connection texts for <LiveUpdates>, in the visitor's language (client components get strings). */
export function liveLabels(locale: Locale): LiveLabels {
  const tr = t(locale, 'live');
  return {
    live: tr('connection.live'),
    connecting: tr('connection.connecting'),
    reconnecting: tr('connection.reconnecting'),
    polling: tr('connection.polling'),
  };
}
