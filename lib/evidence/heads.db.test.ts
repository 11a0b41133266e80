import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { DatabaseHandle } from '../../db/client';
import { evidenceHeads } from '../../db/schema';
import { createTestDatabase } from '../../test/db';
import { appendEvidence } from './append';
import { currentHead, jstDay, listPublishedHeads, publishDailyHead, publishHead } from './heads';
import { headsDocument } from './heads-document';
import { loadEvidencePage } from './public-heads';
import { checkWitnessedHeads, matchHeads, parsePastedHead, parseWitnessFile } from './witness';

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

const append = (n: number, at: Date) =>
  handle.db.transaction((tx) =>
    appendEvidence(tx, [{ kind: 'delivery_result', occurredAt: at, content: { n, recipient: `hash-${n}` } }]),
  );

describe('published chain heads', () => {
  it('publishes nothing for an empty chain, then one daily head per JST day', async () => {
    // 2026-12-06 23:30 JST and 2026-12-07 00:10 JST: two JST days, 40 minutes apart.
    const lateSunday = new Date('2026-12-06T14:30:00Z');
    const earlyMonday = new Date('2026-12-06T15:10:00Z');
    expect(jstDay(lateSunday)).toBe('2026-12-06');
    expect(jstDay(earlyMonday)).toBe('2026-12-07');
    expect(await publishDailyHead(handle.db, lateSunday)).toBeNull();
    // A fresh install (no page, no heads) still renders /evidence.
    expect(await loadEvidencePage(handle.db, { locale: 'en', pageNumber: 1 })).toMatchObject({
      pageName: 'Shirase',
      daily: [],
      posts: [],
      hasOlder: false,
    });

    await append(1, lateSunday);
    const sunday = await publishDailyHead(handle.db, lateSunday);
    expect(sunday).toMatchObject({ reason: 'daily', day: '2026-12-06', ...(await currentHead(handle.db)) });
    await append(2, lateSunday);
    expect(await publishDailyHead(handle.db, new Date('2026-12-06T14:59:00Z'))).toBeNull();
    const monday = await publishDailyHead(handle.db, earlyMonday);
    expect(monday?.day).toBe('2026-12-07');
    expect(monday?.seq).toBe(sunday!.seq + 1);
    // Many workers ticking at once: still one head for the day.
    await Promise.all([1, 2, 3].map(() => publishDailyHead(handle.db, earlyMonday)));
    expect((await listPublishedHeads(handle.db)).filter((h) => h.day === '2026-12-07')).toHaveLength(1);
    const view = await loadEvidencePage(handle.db, { locale: 'ja', pageNumber: 1 });
    expect(view.daily.map((h) => h.day)).toEqual(['2026-12-07', '2026-12-06']);
  });

  it('refuses to change, delete or truncate a published head, in the database itself', async () => {
    const before = await listPublishedHeads(handle.db);
    expect(before.length).toBeGreaterThan(0);
    const attempts = [
      () => handle.db.update(evidenceHeads).set({ hash: '0'.repeat(64) }),
      () => handle.db.execute(sql`update evidence_heads set seq = seq + 1`),
      () => handle.db.delete(evidenceHeads),
      () => handle.db.execute(sql`truncate evidence_heads`),
    ];
    for (const attempt of attempts) await expect(attempt()).rejects.toThrow();
    expect(await listPublishedHeads(handle.db)).toEqual(before);
  });

  it('keeps every entry of the heads document byte for byte as the list grows', async () => {
    const earlier = headsDocument(await listPublishedHeads(handle.db));
    await append(3, new Date('2026-12-07T01:00:00Z'));
    await handle.db.transaction((tx) =>
      publishHead(tx, { reason: 'incident_post', at: new Date('2026-12-07T01:00:00Z'), incidentId: null }),
    );
    const later = headsDocument(await listPublishedHeads(handle.db));
    expect(later.heads.length).toBe(earlier.heads.length + 1);
    expect(JSON.stringify(later.heads.slice(0, earlier.heads.length))).toBe(JSON.stringify(earlier.heads));
    expect(later.heads.at(-1)).toMatchObject({ reason: 'incident_post', day: null });
  });

  it('matches pasted and saved heads against the chain: in it, different, or missing', async () => {
    const head = (await currentHead(handle.db))!;
    expect(parsePastedHead(`X-Shirase-Evidence: seq=${head.seq}; hash=${head.hash.toUpperCase()}`)).toEqual(head);
    expect(parsePastedHead(`#${head.seq}  ${head.hash}`)).toEqual(head);
    expect(parsePastedHead('seq=1; hash=abc')).toBeNull();
    expect(parsePastedHead('x'.repeat(100_000))).toBeNull();
    const other = { seq: head.seq, hash: 'f'.repeat(64) };
    const ahead = { seq: head.seq + 1000, hash: head.hash };
    expect((await matchHeads(handle.db, [ahead, other, head])).map((r) => r.match)).toEqual(['different', 'in_chain', 'missing']);
    const verdict = await checkWitnessedHeads(
      handle.db,
      parseWitnessFile(`seq=${other.seq}; hash=${other.hash}\nseq=${head.seq}; hash=${head.hash}`),
    );
    expect(verdict).toMatchObject({
      ok: false,
      checked: 2,
      mismatches: 1,
      first: { head: other, match: 'different', chainHash: head.hash },
    });
    expect(await checkWitnessedHeads(handle.db, [head])).toEqual({ ok: true, checked: 1 });
  });

  it('reads the heads JSON, a JSON array and mail text; refuses anything else with a reason', () => {
    const hash = 'a'.repeat(64);
    expect(
      parseWitnessFile(
        JSON.stringify({
          heads: [
            { seq: 2, hash },
            { seq: 1, hash },
          ],
        }),
      ),
    ).toEqual([
      { seq: 1, hash },
      { seq: 2, hash },
    ]);
    expect(parseWitnessFile(JSON.stringify([{ seq: '3', hash }]))).toEqual([{ seq: 3, hash }]);
    expect(() => parseWitnessFile('{ nope')).toThrow('not valid JSON');
    expect(() => parseWitnessFile('{"heads": [{"seq": -1}]}')).toThrow('heads[0] is not a head');
    expect(() => parseWitnessFile('hello')).toThrow('no heads found');
  });
});
