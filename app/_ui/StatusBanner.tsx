import type { OverallStatus } from '@/lib/status/overall';
import type { ComponentStatus } from '@/lib/domain/statuses';
import type { Locale } from '@/lib/i18n/locales';
import { t } from '@/lib/i18n/messages';
import { StatusIcon } from './StatusIcon';

const ICON_FOR: Record<OverallStatus, ComponentStatus> = {
  operational: 'operational',
  degraded: 'degraded_performance',
  partial_outage: 'partial_outage',
  major_outage: 'major_outage',
  maintenance: 'under_maintenance',
};

/** `empty`: a page with no components yet says there is nothing to report, not that all is well. */
export function StatusBanner({
  overall,
  locale,
  asOf,
  empty = false,
}: {
  overall: OverallStatus;
  locale: Locale;
  asOf: string;
  empty?: boolean;
}) {
  const tr = t(locale, 'public');
  return (
    <section className={`banner banner-${empty ? 'empty' : overall}`} aria-live="polite" data-overall={overall}>
      <StatusIcon status={ICON_FOR[overall]} size={28} />
      <div>
        <h1 className="banner-title">{empty ? t(locale, 'firstday')('public.bannerEmpty') : tr(`banner.${overall}`)}</h1>
        <p className="banner-time">{tr('updatedAt', { time: asOf })}</p>
      </div>
    </section>
  );
}
