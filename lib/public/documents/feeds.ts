import { headFeedItems } from './evidence-items';
import type { Locale } from '../../i18n/locales';
import { t } from '../../i18n/messages';
import { formatDateTime } from '../../i18n/format';
import { localized } from '../../i18n/localized';
import type { PublicSource } from '../read/source';
import { renderAtom, renderRss, type FeedEntry } from './xml';

const FEED_ITEMS = 50;

/** RSS 2.0 and Atom 1.0 of published incidents, announced maintenance and the latest evidence heads, newest first. */
export function buildFeeds(source: PublicSource, options: { locale: Locale; baseUrl: string }): { rss: string; atom: string } {
  const { locale, baseUrl } = options;
  const tr = t(locale, 'api');
  const common = t(locale, 'common');
  const tz = source.page.timeZone;
  const when = (d: Date) => formatDateTime(d, locale, tz);
  const pageName = localized(locale, source.page.name, source.page.nameEn);
  const langQuery = `?lang=${locale}`;

  const incidentItems: FeedEntry[] = source.incidents.map((incident) => {
    const updates = source.incidentUpdates.filter((u) => u.incidentId === incident.id);
    const latest = updates[0];
    const status = common(`incidentStatus.${incident.status}`);
    return {
      title: tr('feed.incidentTitle', { title: localized(locale, incident.title, incident.titleEn), status }),
      id: `${baseUrl}/incidents/${incident.id}`,
      link: `${baseUrl}/incidents/${incident.id}`,
      updated: latest ? latest.displayAt : incident.updatedAt,
      published: incident.startedAt,
      summary: latest ? localized(locale, latest.body, latest.bodyEn) : status,
      content: updates
        .map((u) => `${common(`incidentStatus.${u.status}`)} — ${when(u.displayAt)}\n${localized(locale, u.body, u.bodyEn)}`)
        .join('\n\n'),
    };
  });

  const maintenanceItems: FeedEntry[] = source.maintenances.map((m) => {
    const window = tr('feed.maintenanceWindow', { start: when(m.scheduledStart), end: when(m.scheduledEnd) });
    const body = localized(locale, m.body, m.bodyEn);
    return {
      title: tr('feed.maintenanceTitle', {
        title: localized(locale, m.title, m.titleEn),
        status: common(`maintenanceStatus.${m.status}`),
      }),
      id: `${baseUrl}/maintenance/${m.id}`,
      link: `${baseUrl}/maintenance/${m.id}`,
      updated: m.updatedAt,
      published: m.announcedAt,
      summary: `${window}\n${body}`,
      content: `${window}\n\n${body}`,
    };
  });

  const headItems = headFeedItems(source.evidenceHeads, { locale, baseUrl });
  const entries = [...incidentItems, ...maintenanceItems, ...headItems]
    .sort((a, b) => b.updated.getTime() - a.updated.getTime())
    .slice(0, FEED_ITEMS);
  const feed = {
    title: tr('feed.title', { name: pageName }),
    description: tr('feed.description', { name: pageName }),
    id: `${baseUrl}/`,
    link: `${baseUrl}/`,
    language: locale,
    updated: entries[0]?.updated ?? source.page.createdAt,
    selfLinks: { rss: `${baseUrl}/feed.rss${langQuery}`, atom: `${baseUrl}/feed.atom${langQuery}` },
    rights: pageName,
    entries,
  };
  return { rss: renderRss(feed), atom: renderAtom(feed) };
}
