import type { Locale } from '@/lib/i18n/locales';
import { t } from '@/lib/i18n/messages';

/** The facts the SLA report will use, shown wherever a maintenance is listed. */
export function FactPills({
  item,
  locale,
}: {
  item: { lateNotice: boolean; outOfWindow: boolean; overrunning: boolean };
  locale: Locale;
}) {
  const tr = t(locale, 'maintenance');
  return (
    <>
      {item.lateNotice && <span className="pill fact-pill">{tr('admin.fact.lateNotice')}</span>}
      {item.outOfWindow && <span className="pill fact-pill">{tr('admin.fact.outOfWindow')}</span>}
      {item.overrunning && <span className="pill fact-pill">{tr('admin.fact.overrunning')}</span>}
    </>
  );
}
