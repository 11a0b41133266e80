import { describe, expect, it } from 'vitest';
import { renderAtom, renderRss, xmlText, type FeedDocument } from './xml';

const hostile = '<script>alert(1)</script><img src=x onerror=alert(2)> & "q" \u0001\u001b[31m\uFFFE]]>';
const feed: FeedDocument = {
  title: 'Status',
  description: 'd',
  id: 'https://status.example/',
  link: 'https://status.example/',
  language: 'ja',
  updated: new Date('2026-12-01T00:00:00Z'),
  rights: 'Example',
  selfLinks: { rss: 'https://status.example/feed.rss?lang=ja&x=1', atom: 'https://status.example/feed.atom?lang=ja&x=1' },
  entries: [
    {
      title: hostile,
      id: 'https://status.example/incidents/1',
      link: 'https://status.example/incidents/1',
      updated: new Date(),
      published: new Date(),
      summary: hostile,
      content: hostile,
    },
  ],
};

describe('feeds as text', () => {
  it('escapes markup and drops characters XML cannot carry', () => {
    expect(xmlText(hostile)).toBe(
      '&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt; &amp; &quot;q&quot; [31m]]&gt;',
    );
    expect(xmlText('絵文字 👨‍👩‍👧 ok\ttab\nline')).toBe('絵文字 👨‍👩‍👧 ok\ttab\nline');
  });

  it('declares every Atom text construct type="text", with no CDATA and no raw markup', () => {
    for (const xml of [renderAtom(feed), renderRss(feed)]) {
      expect(xml).not.toContain('CDATA');
      expect(xml).not.toContain('<script');
      expect(xml).not.toContain('<img');
      expect(xml).not.toMatch(/[\u0001\u001b\uFFFE]/);
      expect(xml).toContain('&amp;x=1');
    }
    const atom = renderAtom(feed);
    expect(atom).not.toContain('type="html"');
    expect(atom).toContain('<title type="text">&lt;script&gt;');
  });
});
