import 'server-only';
import { and, count, desc, eq, isNotNull } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { evidenceHeads, pages } from '../../db/schema';
import type { Locale } from '../i18n/locales';
import { localized } from '../i18n/localized';
import type { PublishedHead } from './heads';

// What the public /evidence page shows: daily heads a page at a time, and the latest heads of
// incident posts. Works on an empty install (no page row, no heads).

export const DAILY_PER_PAGE = 60;
const POST_HEADS_SHOWN = 20;

export interface EvidencePageView {
  pageName: string;
  timeZone: string;
  daily: PublishedHead[];
  posts: PublishedHead[];
  pageNumber: number;
  hasOlder: boolean;
}

/** The page's name and zone for the shell; a fresh install without a page still renders. */
export async function shellFacts(db: DbOrTx, locale: Locale): Promise<{ pageName: string; timeZone: string }> {
  const [page] = await db
    .select({ name: pages.name, nameEn: pages.nameEn, timeZone: pages.timeZone })
    .from(pages)
    .orderBy(pages.createdAt)
    .limit(1);
  return page
    ? { pageName: localized(locale, page.name, page.nameEn), timeZone: page.timeZone }
    : { pageName: 'Shirase', timeZone: 'Asia/Tokyo' };
}

export async function loadEvidencePage(db: DbOrTx, options: { locale: Locale; pageNumber: number }): Promise<EvidencePageView> {
  const pageNumber = Math.max(1, Math.min(options.pageNumber, 10_000));
  const [shell, daily, posts, [{ total }]] = await Promise.all([
    shellFacts(db, options.locale),
    db
      .select()
      .from(evidenceHeads)
      .where(isNotNull(evidenceHeads.day))
      .orderBy(desc(evidenceHeads.id))
      .limit(DAILY_PER_PAGE)
      .offset((pageNumber - 1) * DAILY_PER_PAGE),
    pageNumber === 1
      ? db
          .select()
          .from(evidenceHeads)
          .where(and(eq(evidenceHeads.reason, 'incident_post')))
          .orderBy(desc(evidenceHeads.id))
          .limit(POST_HEADS_SHOWN)
      : Promise.resolve([]),
    db.select({ total: count() }).from(evidenceHeads).where(isNotNull(evidenceHeads.day)),
  ]);
  return { ...shell, daily, posts, pageNumber, hasOlder: total > pageNumber * DAILY_PER_PAGE };
}
