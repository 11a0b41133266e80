import type { Metadata } from 'next';
import Link from 'next/link';
import { getDb } from '@/lib/db';
import { requestLocale } from '@/lib/i18n/server';
import { t } from '@/lib/i18n/messages';
import { formatMonth, timeZoneLabel } from '@/lib/i18n/format';
import { resolvePage } from '@/lib/pages/context';
import { localized } from '@/lib/i18n/localized';
import { listFilterComponents, listMaintenancesOverlapping } from '@/lib/public/read/maintenances';
import { buildMonthGrid, monthGridRange, monthKey, parseMonthParam, shiftMonth } from '@/lib/maintenance/calendar';
import { PublicShell } from '@/app/_ui/PublicShell';
import { MonthCalendar } from './MonthCalendar';
import styles from './maintenance.module.css';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  return { title: t(await requestLocale(), 'maintenance')('calendar.title') };
}

type Search = { month?: string | string[]; component?: string | string[] };

/** /maintenance?month=2026-12&component=<id>: the month calendar in the page's time zone. */
export default async function MaintenanceCalendarPage({ searchParams }: { searchParams: Promise<Search> }) {
  const locale = await requestLocale();
  const db = await getDb();
  const page = await resolvePage(db);
  const tz = page.timeZone;
  const now = new Date();
  const params = await searchParams;
  const ref = parseMonthParam(params.month, now, tz);
  const componentOptions = await listFilterComponents(db, page.id, locale);
  // An unknown component id is ignored rather than showing an empty month.
  const component = componentOptions.find((c) => c.id === params.component) ?? null;
  const items = await listMaintenancesOverlapping(
    db,
    page.id,
    { ...monthGridRange(ref, tz), componentId: component?.id },
    locale,
    now,
  );
  const weeks = buildMonthGrid(ref, tz, now, items);

  const tr = t(locale, 'maintenance');
  const filterQuery = component ? `&component=${component.id}` : '';
  const href = (r: typeof ref) => `/maintenance?month=${monthKey(r)}${filterQuery}`;
  const monthTitle = formatMonth(ref.year, ref.month, locale);
  const feed = component ? `/api/maintenance.ics?component=${component.id}` : '/api/maintenance.ics';
  const current = parseMonthParam(undefined, now, tz);

  return (
    <PublicShell locale={locale} pageName={localized(locale, page.name, page.nameEn)} timeZone={tz} path={href(ref)}>
      <h1 className={styles.title}>{tr('calendar.title')}</h1>
      <div className={styles.toolbar}>
        <form method="get" action="/maintenance" className={styles.filter} role="search" aria-label={tr('calendar.filterRegion')}>
          <input type="hidden" name="month" value={monthKey(ref)} />
          <label>
            {tr('calendar.filterLabel')}
            <select name="component" defaultValue={component?.id ?? ''}>
              <option value="">{tr('calendar.allComponents')}</option>
              {componentOptions.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className={styles.button}>
            {tr('calendar.filterSubmit')}
          </button>
        </form>
        <div className={styles.feed}>
          <p>
            <a href={feed} type="text/calendar">
              {component ? tr('calendar.feedForComponent', { name: component.name }) : tr('calendar.feed')}
            </a>
          </p>
          <p className={styles.feedHelp}>{tr('calendar.feedHelp')}</p>
        </div>
      </div>

      <nav className={styles.monthNav} aria-label={tr('calendar.monthNav')}>
        <Link href={href(shiftMonth(ref, -1))}>← {tr('calendar.prevMonth')}</Link>
        <h2 aria-live="polite">{monthTitle}</h2>
        <Link href={href(shiftMonth(ref, 1))}>{tr('calendar.nextMonth')} →</Link>
      </nav>
      {monthKey(ref) !== monthKey(current) && (
        <p>
          <Link href={href(current)}>{tr('calendar.thisMonth')}</Link>
        </p>
      )}
      <ul className={styles.legend} aria-label={tr('calendar.legend')}>
        {(['upcoming', 'ongoing', 'past', 'cancelled'] as const).map((phase) => (
          <li key={phase}>
            <span className={`${styles.swatch} ${styles[phase]}`} aria-hidden="true" />
            {tr(`phase.${phase}`)}
          </li>
        ))}
      </ul>
      <MonthCalendar
        weeks={weeks}
        locale={locale}
        caption={tr('calendar.caption', { month: monthTitle, zone: timeZoneLabel(tz, locale) })}
      />
      {component && <p className={styles.feedHelp}>{tr('calendar.filtered', { name: component.name })}</p>}
    </PublicShell>
  );
}
