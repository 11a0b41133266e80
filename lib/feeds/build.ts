import { Feed, type Item } from 'feed';
import { headFeedItems } from '../evidence/feed-items';
import type { Locale } from '../i18n/locales';
import { t } from '../i18n/messages';
import { formatDateTime } from '../i18n/format';
import { localized } from '../public/page';
import type { PublicSource } from '../statuspage/source';

const FEED_ITEMS = 50;

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** RSS 2.0 and Atom 1.0 of published incidents, announced maintenance and the latest evidence heads, newest first. */
export function buildFeeds(source: PublicSource, options: { locale: Locale; baseUrl: string }): { rss: string; atom: string } {
  const { locale, baseUrl } = options;
  const tr = t(locale, 'api');
  const common = t(locale, 'common');
  const tz = source.page.timeZone;
  const when = (d: Date) => formatDateTime(d, locale, tz);
  const pageName = localized(locale, source.page.name, source.page.nameEn);
  const langQuery = `?lang=${locale}`;

  const incidentItems: Item[] = source.incidents.map((incident) => {
    const updates = source.incidentUpdates.filter((u) => u.incidentId === incident.id);
    const latest = updates[0];
    const status = common(`incidentStatus.${incident.status}`);
    return {
      title: tr('feed.incidentTitle', { title: localized(locale, incident.title, incident.titleEn), status }),
      id: `${baseUrl}/incidents/${incident.id}`,
      link: `${baseUrl}/incidents/${incident.id}`,
      date: latest ? latest.displayAt : incident.updatedAt,
      published: incident.startedAt,
      description: latest ? localized(locale, latest.body, latest.bodyEn) : status,
      content: updates
        .map(
          (u) =>
            `<p><strong>${escapeHtml(common(`incidentStatus.${u.status}`))}</strong> — ${escapeHtml(when(u.displayAt))}<br>${escapeHtml(localized(locale, u.body, u.bodyEn)).replace(/\n/g, '<br>')}</p>`,
        )
        .join(''),
    };
  });

  const maintenanceItems: Item[] = source.maintenances.map((m) => {
    const window = tr('feed.maintenanceWindow', { start: when(m.scheduledStart), end: when(m.scheduledEnd) });
    const body = localized(locale, m.body, m.bodyEn);
    return {
      title: tr('feed.maintenanceTitle', { title: localized(locale, m.title, m.titleEn), status: common(`maintenanceStatus.${m.status}`) }),
      id: `${baseUrl}/maintenance/${m.id}`,
      link: `${baseUrl}/maintenance/${m.id}`,
      date: m.updatedAt,
      published: m.announcedAt,
      description: `${window}\n${body}`,
      content: `<p>${escapeHtml(window)}</p><p>${escapeHtml(body).replace(/\n/g, '<br>')}</p>`,
    };
  });

  const headItems = headFeedItems(source.evidenceHeads, { locale, baseUrl });
  const items = [...incidentItems, ...maintenanceItems, ...headItems].sort((a, b) => b.date.getTime() - a.date.getTime()).slice(0, FEED_ITEMS);
  const feed = new Feed({
    title: tr('feed.title', { name: pageName }),
    description: tr('feed.description', { name: pageName }),
    id: `${baseUrl}/`,
    link: `${baseUrl}/`,
    language: locale,
    updated: items[0]?.date ?? source.page.createdAt,
    generator: 'Shirase',
    feedLinks: { rss: `${baseUrl}/feed.rss${langQuery}`, atom: `${baseUrl}/feed.atom${langQuery}` },
    copyright: pageName,
  });
  for (const item of items) feed.addItem(item);
  return { rss: feed.rss2(), atom: feed.atom1() };
}
