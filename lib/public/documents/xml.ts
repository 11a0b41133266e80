// Atom 1.0 and RSS 2.0 written as plain text constructs. Incident text is typed by operators and
// by Alertmanager, so no feed reader may treat it as markup: Atom elements say type="text" and
// every value is escaped (never CDATA). Characters XML 1.0 cannot carry are dropped, so one
// control character in a title cannot make the whole feed unreadable.

export type FeedEntry = {
  title: string;
  id: string;
  link: string;
  updated: Date;
  published: Date;
  summary: string;
  content: string;
};
export type FeedDocument = {
  title: string;
  description: string;
  id: string;
  link: string;
  language: string;
  updated: Date;
  rights: string;
  selfLinks: { rss: string; atom: string };
  entries: FeedEntry[];
};

const NOT_XML = /[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Text safe inside an XML element or attribute value. */
export function xmlText(value: string): string {
  return value.replace(NOT_XML, '').replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

const text = (tag: string, value: string) => `<${tag} type="text">${xmlText(value)}</${tag}>`;

export function renderAtom(feed: FeedDocument): string {
  const entries = feed.entries.map((e) =>
    [
      '<entry>',
      text('title', e.title),
      `<id>${xmlText(e.id)}</id>`,
      `<link href="${xmlText(e.link)}"/>`,
      `<updated>${e.updated.toISOString()}</updated>`,
      `<published>${e.published.toISOString()}</published>`,
      text('summary', e.summary),
      text('content', e.content),
      '</entry>',
    ].join('\n'),
  );
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${xmlText(feed.language)}">`,
    `<id>${xmlText(feed.id)}</id>`,
    text('title', feed.title),
    text('subtitle', feed.description),
    `<updated>${feed.updated.toISOString()}</updated>`,
    '<generator>Shirase</generator>',
    `<link rel="alternate" href="${xmlText(feed.link)}"/>`,
    `<link rel="self" type="application/atom+xml" href="${xmlText(feed.selfLinks.atom)}"/>`,
    text('rights', feed.rights),
    ...entries,
    '</feed>',
  ].join('\n');
}

export function renderRss(feed: FeedDocument): string {
  const element = (tag: string, value: string) => `<${tag}>${xmlText(value)}</${tag}>`;
  const items = feed.entries.map((e) =>
    [
      '<item>',
      element('title', e.title),
      element('link', e.link),
      `<guid isPermaLink="true">${xmlText(e.id)}</guid>`,
      element('pubDate', e.updated.toUTCString()),
      element('description', e.content),
      '</item>',
    ].join('\n'),
  );
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">',
    '<channel>',
    element('title', feed.title),
    element('link', feed.link),
    element('description', feed.description),
    element('language', feed.language),
    element('lastBuildDate', feed.updated.toUTCString()),
    '<generator>Shirase</generator>',
    element('copyright', feed.rights),
    `<atom:link href="${xmlText(feed.selfLinks.rss)}" rel="self" type="application/rss+xml"/>`,
    ...items,
    '</channel>',
    '</rss>',
  ].join('\n');
}
