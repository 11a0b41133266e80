import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { DatabaseHandle } from '../../db/client';
import { createTestDatabase } from '../../test/db';
import { appendEvidence } from './append';
import { verifyEvidenceChain } from './verify';

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

describe('the evidence chain', () => {
  it('verifies an untouched chain, then names the first row edited or deleted directly in SQL', async () => {
    const db = handle.db;
    const at = new Date('2026-11-01T00:00:00Z');
    for (let i = 0; i < 5; i++) {
      await db.transaction((tx) =>
        appendEvidence(tx, [{ kind: 'delivery_result', occurredAt: at, content: { n: i, recipient: `hash-${i}` } }]),
      );
    }
    const good = await verifyEvidenceChain(db, 2);
    expect(good).toMatchObject({ ok: true, rows: 5 });

    const third = await db.execute(sql`select min(seq) + 2 as seq from evidence`);
    const thirdSeq = Number(rowsOf(third)[0].seq);
    await db.execute(sql`update evidence set content = '{"n": 99}'::jsonb where seq = ${thirdSeq}`);
    expect(await verifyEvidenceChain(db)).toEqual({ ok: false, rows: 2, brokenAt: thirdSeq, reason: 'content_changed' });

    await db.execute(sql`delete from evidence where seq = ${thirdSeq}`);
    expect(await verifyEvidenceChain(db)).toEqual({ ok: false, rows: 2, brokenAt: thirdSeq + 1, reason: 'link_broken' });
  });
});

/** postgres.js returns the rows array, PGlite `{ rows }`. */
function rowsOf(result: unknown): Record<string, unknown>[] {
  return Array.isArray(result) ? result : (result as { rows: Record<string, unknown>[] }).rows;
}
