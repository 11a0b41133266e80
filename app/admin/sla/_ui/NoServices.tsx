import Link from 'next/link';
import type { Locale } from '@/lib/i18n/locales';
import { t } from '@/lib/i18n/messages';

/** An install without services has no SLA to report or edit yet: an empty state leading to where services are made. */
export function NoServices({ locale }: { locale: Locale }) {
  const tr = t(locale, 'sla');
  return (
    <section className="panel">
      <p>{tr('empty.text')}</p>
      <Link className="button" href="/admin/services">
        {tr('empty.action')}
      </Link>
    </section>
  );
}
