import Link from 'next/link';
import type { CalendarDay, CalendarEntry } from '@/lib/maintenance/calendar';
import type { PublicMaintenance } from '@/lib/public/read/maintenances';
import type { Locale } from '@/lib/i18n/locales';
import { t } from '@/lib/i18n/messages';
import styles from './maintenance.module.css';

type Day = CalendarDay<PublicMaintenance>;

const weekdayNames = (locale: Locale, width: 'short' | 'long') =>
  // 2023-01-01 was a Sunday: index 0…6 follows Date#getDay.
  Array.from({ length: 7 }, (_, i) =>
    new Intl.DateTimeFormat(locale === 'ja' ? 'ja-JP' : 'en-US', { weekday: width, timeZone: 'UTC' }).format(
      new Date(Date.UTC(2023, 0, 1 + i)),
    ),
  );

function dayLabel(day: Day, locale: Locale): string {
  const [y, m, d] = day.date.split('-').map(Number);
  return new Intl.DateTimeFormat(locale === 'ja' ? 'ja-JP' : 'en-US', {
    month: 'long',
    day: 'numeric',
    weekday: 'short',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(y, m - 1, d)));
}

function EntryLink({ entry, locale }: { entry: CalendarEntry<PublicMaintenance>; locale: Locale }) {
  const tr = t(locale, 'maintenance');
  // "22:00–" on the first day of a window across midnight, "–02:00" on the last, all day between.
  const time = entry.startsAt || entry.endsAt ? `${entry.startsAt ?? ''}–${entry.endsAt ?? ''}` : tr('calendar.allDay');
  return (
    <Link href={`/maintenance/${entry.item.id}`} className={`${styles.entry} ${styles[entry.phase]}`}>
      <span className={styles.time}>{time}</span> {entry.item.title}
      <span className="visually-hidden"> ({tr(`phase.${entry.phase}`)})</span>
    </Link>
  );
}

/** A month grid on wide screens; on a phone the same days as a list of those with maintenance. */
export function MonthCalendar({ weeks, locale, caption }: { weeks: Day[][]; locale: Locale; caption: string }) {
  const tr = t(locale, 'maintenance');
  const short = weekdayNames(locale, 'short');
  const long = weekdayNames(locale, 'long');
  const monthDays = weeks.flat().filter((d) => d.inMonth);
  const anyEntries = monthDays.some((d) => d.entries.length > 0);
  // Today stays in the phone list (marked) even without maintenance, so the list has a "now".
  const busyDays = anyEntries ? monthDays.filter((d) => d.entries.length > 0 || d.isToday) : [];
  const cellClass = (day: Day) =>
    [day.inMonth ? '' : styles.outside, day.isToday ? styles.today : '', day.weekday === 0 ? styles.sunday : '']
      .filter(Boolean)
      .join(' ') || undefined;
  return (
    <>
      <table className={styles.grid}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {short.map((name, i) => (
              <th key={name} scope="col" abbr={long[i]}>
                {name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeks.map((week) => (
            <tr key={week[0].date}>
              {week.map((day) => (
                <td
                  key={day.date}
                  className={cellClass(day)}
                  data-date={day.date}
                  aria-current={day.isToday ? 'date' : undefined}
                >
                  <span className={styles.dayNumber}>
                    <span className="visually-hidden">{dayLabel(day, locale)}</span>
                    <span aria-hidden="true">{day.day}</span>
                  </span>
                  {day.isToday && <span className={styles.todayMark}>{tr('calendar.today')}</span>}
                  {day.entries.length > 0 && (
                    <ul className={styles.entries}>
                      {day.entries.map((entry) => (
                        <li key={entry.item.id}>
                          <EntryLink entry={entry} locale={locale} />
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>

      <ol className={styles.list} aria-label={caption}>
        {!anyEntries && <li className="empty">{tr('calendar.none')}</li>}
        {busyDays.map((day) => (
          <li
            key={day.date}
            className={`${styles.listDay} ${day.isToday ? styles.today : ''}`}
            data-date={day.date}
            aria-current={day.isToday ? 'date' : undefined}
          >
            <p className={styles.listDate}>
              {dayLabel(day, locale)}
              {day.isToday && <span className={styles.todayMark}>{tr('calendar.today')}</span>}
            </p>
            {day.entries.length === 0 ? (
              <p className={styles.feedHelp}>{tr('calendar.nothingToday')}</p>
            ) : (
              <ul className={styles.entries}>
                {day.entries.map((entry) => (
                  <li key={entry.item.id}>
                    <EntryLink entry={entry} locale={locale} />
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ol>
    </>
  );
}
