import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { createTestDatabase } from '../../test/db';
import { createPage } from '../../test/factories';
import { documentKey, renderDocument } from '../public/documents/catalog';
import { loadPublicSource } from '../public/read/source';
import { appendEvidence } from './append';
import { publishDailyHead, publishHead } from './heads';
import type { HeadsDocument } from './heads-document';

// The heads JSON and the feeds as the public cache renders them: what was published stays
// exactly as it was, whatever is published or edited after it.

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
  await createPage(handle.db, { name: 'デモ', nameEn: 'Demo' });
});
afterAll(() => handle.close());

const BASE = 'https://status.example.test';
const append = (n: number, at: Date) =>
  handle.db.transaction((tx) => appendEvidence(tx, [{ kind: 'incident_post', occurredAt: at, content: { n } }]));

async function documents() {
  const source = await loadPublicSource(handle.db);
  const render = (key: string) => renderDocument(source, key, BASE)!.body;
  return {
    heads: JSON.parse(render(documentKey.evidenceHeads)) as HeadsDocument,
    headers: renderDocument(source, documentKey.evidenceHeads, BASE)!.headers,
    atom: { ja: render(documentKey.atom('ja')), en: render(documentKey.atom('en')) },
    rss: { ja: render(documentKey.rss('ja')), en: render(documentKey.rss('en')) },
  };
}

/** Every feed entry about a head, by its id. */
function headEntries(xml: string, tag: 'entry' | 'item'): Map<string, string> {
  const entries = [...xml.matchAll(new RegExp(`<${tag}>[\\s\\S]*?</${tag}>`, 'g'))]
    .map((m) => m[0])
    .filter((e) => e.includes('/evidence#head-'));
  return new Map(entries.map((e) => [/\/evidence#head-(\d+)/.exec(e)![1], e]));
}

describe('published heads in the public documents', () => {
  it('serves an empty list before anything is published, cached like the v2 documents', async () => {
    const { heads, headers, atom } = await documents();
    expect(heads.heads).toEqual([]);
    expect(headers['Cache-Control']).toContain('max-age=10');
    expect(headers['Access-Control-Allow-Origin']).toBe('*');
    expect(headEntries(atom.ja, 'entry').size).toBe(0);
  });

  it('never changes a published entry of the heads JSON or the feeds as later heads arrive', async () => {
    await append(1, new Date('2026-12-01T00:00:00Z'));
    await publishDailyHead(handle.db, new Date('2026-12-01T00:00:00Z'));
    await append(2, new Date('2026-12-01T02:00:00Z'));
    await handle.db.transaction((tx) => publishHead(tx, { reason: 'incident_post', at: new Date('2026-12-01T02:00:00Z') }));
    const before = await documents();
    expect(before.heads.heads.map((h) => [h.reason, h.day])).toEqual([
      ['daily', '2026-12-01'],
      ['incident_post', null],
    ]);
    const atomBefore = headEntries(before.atom.ja, 'entry');
    expect(atomBefore.size).toBe(2);
    for (const head of before.heads.heads)
      expect([...atomBefore.values()].some((e) => e.includes(`seq=${head.seq}; hash=${head.hash}`))).toBe(true);
    expect(before.atom.ja).toContain('証跡ヘッド #');
    expect(before.atom.en).toContain('Evidence head #');

    for (let day = 2; day <= 5; day++) {
      await append(day + 10, new Date(`2026-12-0${day}T00:00:00Z`));
      await publishDailyHead(handle.db, new Date(`2026-12-0${day}T00:00:00Z`));
    }
    const after = await documents();
    expect(after.heads.heads).toHaveLength(6);
    expect(JSON.stringify(after.heads.heads.slice(0, 2))).toBe(JSON.stringify(before.heads.heads));
    for (const [feed, tag] of [
      ['atom', 'entry'],
      ['rss', 'item'],
    ] as const) {
      for (const locale of ['ja', 'en'] as const) {
        const was = headEntries(before[feed][locale], tag);
        const now = headEntries(after[feed][locale], tag);
        for (const [id, entry] of was) expect(now.get(id)).toBe(entry);
      }
    }
  });

  it('keeps at most seven heads in the feeds, so incidents are not crowded out', async () => {
    for (let day = 6; day <= 9; day++) {
      await append(day + 20, new Date(`2026-12-0${day}T00:00:00Z`));
      await publishDailyHead(handle.db, new Date(`2026-12-0${day}T00:00:00Z`));
    }
    const { heads, atom } = await documents();
    expect(heads.heads).toHaveLength(10);
    const entries = [...headEntries(atom.en, 'entry').values()];
    expect(entries).toHaveLength(7);
    const inFeed = (h: { seq: number; hash: string }) => entries.some((e) => e.includes(`seq=${h.seq}; hash=${h.hash}`));
    expect(heads.heads.map(inFeed)).toEqual([false, false, false, true, true, true, true, true, true, true]);
  });
});
