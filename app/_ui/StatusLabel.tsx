import type { ComponentStatus } from '@/lib/domain/statuses';
import type { Locale } from '@/lib/i18n/locales';
import { t } from '@/lib/i18n/messages';
import { StatusIcon } from './StatusIcon';

export function StatusLabel({ status, locale }: { status: ComponentStatus; locale: Locale }) {
  return (
    <span className={`status-label status-${status}`}>
      <StatusIcon status={status} />
      <span>{t(locale, 'common')(`componentStatus.${status}`)}</span>
    </span>
  );
}
