import type { Metadata } from 'next';
import Link from 'next/link';
import { getDb } from '@/lib/db';
import { loadEvidencePage } from '@/lib/evidence/public-heads';
import { t } from '@/lib/i18n/messages';
import { requestLocale } from '@/lib/i18n/server';
import { PublicShell } from '@/app/_ui/PublicShell';
import { HeadList } from './_ui/HeadList';
import styles from './evidence.module.css';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  return {
    title: t(await requestLocale(), 'evidence')('page.title'),
    alternates: { types: { 'application/json': '/api/evidence/heads.json', 'application/atom+xml': '/feed.atom' } },
  };
}

/** The published evidence heads: daily (JST) heads, newest first, and the heads of incident posts. */
export default async function EvidencePage({ searchParams }: { searchParams: Promise<{ page?: string | string[] }> }) {
  const locale = await requestLocale();
  const requested = (await searchParams).page;
  const pageNumber = typeof requested === 'string' && /^\d{1,5}$/.test(requested) ? Number(requested) : 1;
  const view = await loadEvidencePage(await getDb(), { locale, pageNumber });
  const tr = t(locale, 'evidence');
  return (
    <PublicShell
      locale={locale}
      pageName={view.pageName}
      timeZone={view.timeZone}
      path={`/evidence${pageNumber > 1 ? `?page=${pageNumber}` : ''}`}
    >
      <h1>{tr('page.title')}</h1>
      <p className={styles.lead}>{tr('page.intro')}</p>
      <p className={styles.lead}>{tr('page.why')}</p>
      <p className={styles.lead}>{tr('page.keep')}</p>
      <ul className={styles.links}>
        <li>
          <a href="/api/evidence/heads.json" download="heads.json">
            {tr('page.json')}
          </a>
        </li>
        <li>
          <a href="/feed.atom">Atom</a> · <a href="/feed.rss">RSS</a>
        </li>
        <li>
          <Link href="/evidence/check">{tr('page.checkLink')}</Link>
        </li>
      </ul>

      <section aria-labelledby="daily-heads" className="section">
        <h2 id="daily-heads">{tr('page.daily')}</h2>
        {view.daily.length === 0 ? (
          <p className="empty">{tr('page.none')}</p>
        ) : (
          <HeadList heads={view.daily} locale={locale} timeZone={view.timeZone} />
        )}
        {(view.hasOlder || pageNumber > 1) && (
          <nav aria-label={tr('page.pagination')} className={styles.pager}>
            {pageNumber > 1 ? (
              <Link href={pageNumber === 2 ? '/evidence' : `/evidence?page=${pageNumber - 1}`}>← {tr('page.newer')}</Link>
            ) : (
              <span />
            )}
            {view.hasOlder ? <Link href={`/evidence?page=${pageNumber + 1}`}>{tr('page.older')} →</Link> : <span />}
          </nav>
        )}
      </section>

      {pageNumber === 1 && (
        <section aria-labelledby="post-heads" className="section">
          <h2 id="post-heads">{tr('page.posts')}</h2>
          {view.posts.length === 0 ? (
            <p className="empty">{tr('page.noPosts')}</p>
          ) : (
            <HeadList heads={view.posts} locale={locale} timeZone={view.timeZone} />
          )}
        </section>
      )}
    </PublicShell>
  );
}
