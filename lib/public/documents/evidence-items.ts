import type { FeedEntry } from './xml';
import type { Locale } from '../../i18n/locales';
import { t } from '../../i18n/messages';
import { headLine } from '../../evidence/head-line';
import type { PublishedHead } from '../../evidence/heads';

// Feed entries for published heads: a feed reader that keeps entries becomes a witness too. Each
// entry is shaped from its head row alone (no page name, no display zone), so it never changes.

/** The latest heads in the feeds; more would crowd out incidents (the heads JSON has them all). */
export const FEED_HEADS = 7;

export function headFeedItems(heads: PublishedHead[], options: { locale: Locale; baseUrl: string }): FeedEntry[] {
  const tr = t(options.locale, 'evidence');
  return heads.slice(-FEED_HEADS).map((head) => {
    const link = `${options.baseUrl}/evidence#head-${head.id}`;
    const published = head.publishedAt.toISOString();
    const description = tr('feed.description', { head: headLine(head), at: published });
    return {
      title:
        head.reason === 'daily'
          ? tr('feed.dailyTitle', { seq: head.seq, day: head.day ?? '' })
          : tr('feed.postTitle', { seq: head.seq }),
      id: link,
      link,
      updated: head.publishedAt,
      published: head.publishedAt,
      summary: description,
      content: `${headLine(head)}\n${published}`,
    };
  });
}
