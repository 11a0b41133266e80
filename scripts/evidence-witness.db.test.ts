import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, eq, gte } from 'drizzle-orm';
import { migrateDatabase } from '../db/migrate';
import { evidence } from '../db/schema';
import { appendEvidence } from '../lib/evidence/append';
import { evidenceHash } from '../lib/evidence/canonical';
import { listPublishedHeads, publishHead } from '../lib/evidence/heads';
import { headsDocument } from '../lib/evidence/heads-document';
import { createCliDatabase, type CliDatabase } from '../test/cli-database';

// `npm run evidence:verify -- --witness FILE` as a real subprocess: a history rewritten and
// re-hashed in SQL passes the chain walk, but not the heads a customer saved before the rewrite.
let cli: CliDatabase;
const open = () => cli.open();
const runVerify = (...args: string[]) => cli.run('scripts/evidence-verify.ts', ...args);

const day = (n: number) => new Date(Date.UTC(2026, 10, n, 1));
let savedHeads: string;
let mailHeads: string;
let seqs: number[];

beforeAll(async () => {
  cli = await createCliDatabase('witness');
  const handle = await open();
  await migrateDatabase(handle);
  // Six rows over six days, a daily head published after each.
  for (let i = 1; i <= 6; i++) {
    await handle.db.transaction(async (tx) => {
      await appendEvidence(tx, [{ kind: 'incident_post', occurredAt: day(i), content: { n: i, title: `post ${i}` } }]);
      await publishHead(tx, { reason: 'daily', at: day(i) });
    });
  }
  seqs = (await handle.db.select({ seq: evidence.seq }).from(evidence).orderBy(asc(evidence.seq))).map((r) => r.seq);
  // What a customer saved: the heads JSON, and the header lines of two mails.
  savedHeads = path.join(cli.dir, 'heads.json');
  fs.writeFileSync(savedHeads, JSON.stringify(headsDocument(await listPublishedHeads(handle.db)), null, 2));
  const heads = await listPublishedHeads(handle.db);
  mailHeads = path.join(cli.dir, 'mails.eml');
  fs.writeFileSync(
    mailHeads,
    [heads[1], heads[4]]
      .map((h) => `Subject: =?UTF-8?B?5pWF6Zqc?=\r\nX-Shirase-Evidence: seq=${h.seq};\r\n hash=${h.hash}\r\n\r\nbody\r\n`)
      .join('\r\n'),
  );
  await handle.close();
});
afterAll(() => cli.close());

// Each case starts tsx subprocesses; on a loaded machine one takes 10-20 s.
describe('npm run evidence:verify -- --witness FILE', { timeout: 240_000 }, () => {
  it('confirms every witnessed head of an untouched chain', () => {
    const json = runVerify('--witness', savedHeads);
    expect(json.out).toContain('all 6 from');
    expect(json.code).toBe(0);
    const mails = runVerify(`--witness=${mailHeads}`);
    expect(mails.out).toContain('all 2 from');
    expect(mails.code).toBe(0);
  });

  it('refuses a file with no heads in it, clearly, without touching the database', () => {
    const junk = path.join(cli.dir, 'junk.txt');
    fs.writeFileSync(junk, 'seq=abc; hash=xyz\n');
    const { code, out } = runVerify('--witness', junk);
    expect(code).toBe(1);
    expect(out).toContain('no heads found');
    expect(runVerify('--witness', path.join(cli.dir, 'absent.json')).out).toContain('Witness file not found');
  });

  it('a rewrite re-hashed in SQL passes the plain walk, fails against the saved heads, and names the first head that no longer matches', async () => {
    const handle = await open();
    // The operator rewrites the third post and recomputes every hash after it.
    const rewriteFrom = seqs[2];
    const rows = await handle.db.select().from(evidence).where(gte(evidence.seq, rewriteFrom)).orderBy(asc(evidence.seq));
    const [before] = await handle.db.select({ hash: evidence.hash }).from(evidence).where(eq(evidence.seq, seqs[1]));
    let prevHash = before.hash;
    for (const row of rows) {
      const content = row.seq === rewriteFrom ? { ...row.content, title: 'nothing happened' } : row.content;
      const hash = evidenceHash({ prevHash, kind: row.kind, occurredAt: row.occurredAt, content });
      await handle.db.update(evidence).set({ content, prevHash, hash }).where(eq(evidence.seq, row.seq));
      prevHash = hash;
    }
    await handle.close();

    const plain = runVerify();
    expect(plain.out).toContain('Evidence chain intact: 6 rows');
    expect(plain.code).toBe(0);

    const witnessed = runVerify('--witness', savedHeads);
    expect(witnessed.code).toBe(2);
    const first = JSON.parse(fs.readFileSync(savedHeads, 'utf8')).heads[2];
    expect(witnessed.out).toContain(`Witnessed head NOT in the chain: seq=${first.seq}; hash=${first.hash}`);
    expect(witnessed.out).toContain(
      `rewritten after this head was seen (4 of 6 witnessed heads no longer match; this is the first)`,
    );

    // Heads from mails: the one seen before the rewritten row still matches, the later one does not.
    const mails = runVerify('--witness', mailHeads);
    expect(mails.code).toBe(2);
    expect(mails.out).toContain(`seq=${seqs[4]}`);
    expect(mails.out).toContain('1 of 2 witnessed heads');
  });
});
