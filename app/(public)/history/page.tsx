import Link from 'next/link';
import { TZDate } from '@date-fns/tz';
import { getDb } from '@/lib/db';
import { requestLocale } from '@/lib/i18n/server';
import { t } from '@/lib/i18n/messages';
import { formatMonth } from '@/lib/i18n/format';
import { resolvePage } from '@/lib/pages/context';
import { localized } from '@/lib/i18n/localized';
import { countIncidentsBefore, listIncidentsBetween } from '@/lib/public/read/incidents';
import { PublicShell } from '@/app/_ui/PublicShell';
import { IncidentSummary } from '@/app/_ui/IncidentSummary';

export const dynamic = 'force-dynamic';

/** Past incidents, one calendar month (page time zone) per page: /history?month=2026-10. */
export default async function HistoryPage({ searchParams }: { searchParams: Promise<{ month?: string | string[] }> }) {
  const locale = await requestLocale();
  const db = await getDb();
  const page = await resolvePage(db);
  const tz = page.timeZone;
  const now = new TZDate(new Date(), tz);
  const requested = (await searchParams).month;
  const match = typeof requested === 'string' ? /^(\d{4})-(0[1-9]|1[0-2])$/.exec(requested) : null;
  const year = match ? Number(match[1]) : now.getFullYear();
  const month = match ? Number(match[2]) : now.getMonth() + 1;
  const from = new TZDate(year, month - 1, 1, tz);
  const to = new TZDate(year, month, 1, tz);
  const [list, older] = await Promise.all([
    listIncidentsBetween(db, page.id, from, to, locale),
    countIncidentsBefore(db, page.id, from),
  ]);
  const tr = t(locale, 'public');
  const key = (y: number, m: number) => `${y}-${String(m).padStart(2, '0')}`;
  const prev = month === 1 ? key(year - 1, 12) : key(year, month - 1);
  const next = month === 12 ? key(year + 1, 1) : key(year, month + 1);
  const hasNewer = to.getTime() <= now.getTime();
  return (
    <PublicShell
      locale={locale}
      pageName={localized(locale, page.name, page.nameEn)}
      timeZone={tz}
      path={`/history?month=${key(year, month)}`}
    >
      <h1>{tr('history.title')}</h1>
      <h2>{formatMonth(year, month, locale)}</h2>
      {list.length === 0 ? (
        <p className="empty">{tr('history.none')}</p>
      ) : (
        list.map((i) => <IncidentSummary key={i.id} incident={i} locale={locale} timeZone={tz} />)
      )}
      <nav aria-label={tr('history.pagination')} className="pager">
        {older > 0 ? <Link href={`/history?month=${prev}`}>← {tr('history.older')}</Link> : <span />}
        {hasNewer ? <Link href={`/history?month=${next}`}>{tr('history.newer')} →</Link> : <span />}
      </nav>
    </PublicShell>
  );
}
