import type { PublishedHead } from '@/lib/evidence/heads';
import { formatDateTime } from '@/lib/i18n/format';
import type { Locale } from '@/lib/i18n/locales';
import { t } from '@/lib/i18n/messages';
import styles from '../evidence.module.css';

/** Heads as cards (not a table): a 64-digit hash fits a phone only when it may wrap. */
export function HeadList({ heads, locale, timeZone }: { heads: PublishedHead[]; locale: Locale; timeZone: string }) {
  const tr = t(locale, 'evidence');
  return (
    <ol className={styles.heads} reversed>
      {heads.map((head) => (
        <li key={head.id} id={`head-${head.id}`} className={styles.head}>
          <div className={styles.headTop}>
            <span className={styles.day}>{head.day ? tr('page.dayLabel', { day: head.day }) : `#${head.seq}`}</span>
            <span className={styles.meta}>
              {tr('page.publishedAt')}:{' '}
              <time dateTime={head.publishedAt.toISOString()}>{formatDateTime(head.publishedAt, locale, timeZone)}</time>
              {head.incidentId && (
                <>
                  {' · '}
                  <a href={`/incidents/${head.incidentId}`}>{tr('page.incident')}</a>
                </>
              )}
            </span>
          </div>
          <code className={styles.hash}>
            seq={head.seq}; hash={head.hash}
          </code>
        </li>
      ))}
    </ol>
  );
}
