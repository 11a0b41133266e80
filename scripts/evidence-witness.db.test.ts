import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { asc, eq, gte } from 'drizzle-orm';
import { openDatabase, type DatabaseHandle } from '../db/client';
import { migrateDatabase } from '../db/migrate';
import { evidence } from '../db/schema';
import { appendEvidence } from '../lib/evidence/append';
import { evidenceHash } from '../lib/evidence/canonical';
import { listPublishedHeads, publishHead } from '../lib/evidence/heads';
import { headsDocument } from '../lib/evidence/heads-document';
import { adminUrl, templateName } from '../test/db-names';

// `npm run evidence:verify -- --witness FILE` as a real subprocess: a history rewritten and
// re-hashed in SQL passes the chain walk, but not the heads a customer saved before the rewrite.
const onPostgres = process.env.TEST_DRIVER === 'postgres';
let target: { PGLITE_DIR?: string; DATABASE_URL: string };
let tmp: string;

const open = (): Promise<DatabaseHandle> =>
  onPostgres ? openDatabase({ driver: 'postgres', url: target.DATABASE_URL, max: 1 }) : openDatabase({ driver: 'pglite', dir: target.PGLITE_DIR });

function runVerify(...args: string[]) {
  const result = spawnSync(path.resolve('node_modules/.bin/tsx'), ['scripts/evidence-verify.ts', ...args], {
    env: { ...process.env, ...target, NODE_ENV: 'production' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status, out: `${result.stdout}${result.stderr}` };
}

const day = (n: number) => new Date(Date.UTC(2026, 10, n, 1));
let savedHeads: string;
let mailHeads: string;
let seqs: number[];

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'shirase-witness-'));
  if (onPostgres) {
    const { default: postgres } = await import('postgres');
    const name = `shirase_${inject('runId')}_${randomBytes(4).toString('hex')}`;
    const admin = postgres(adminUrl(), { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name} template ${templateName(inject('runId'))}`);
    await admin.end();
    target = { DATABASE_URL: adminUrl(name) };
  } else {
    target = { PGLITE_DIR: path.join(tmp, 'pg'), DATABASE_URL: '' };
  }
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
  savedHeads = path.join(tmp, 'heads.json');
  fs.writeFileSync(savedHeads, JSON.stringify(headsDocument(await listPublishedHeads(handle.db)), null, 2));
  const heads = await listPublishedHeads(handle.db);
  mailHeads = path.join(tmp, 'mails.eml');
  fs.writeFileSync(
    mailHeads,
    [heads[1], heads[4]].map((h) => `Subject: =?UTF-8?B?5pWF6Zqc?=\r\nX-Shirase-Evidence: seq=${h.seq};\r\n hash=${h.hash}\r\n\r\nbody\r\n`).join('\r\n'),
  );
  await handle.close();
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

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
    const junk = path.join(tmp, 'junk.txt');
    fs.writeFileSync(junk, 'seq=abc; hash=xyz\n');
    const { code, out } = runVerify('--witness', junk);
    expect(code).toBe(1);
    expect(out).toContain('no heads found');
    expect(runVerify('--witness', path.join(tmp, 'absent.json')).out).toContain('Witness file not found');
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
    expect(witnessed.out).toContain(`rewritten after this head was seen (4 of 6 witnessed heads no longer match; this is the first)`);

    // Heads from mails: the one seen before the rewritten row still matches, the later one does not.
    const mails = runVerify('--witness', mailHeads);
    expect(mails.code).toBe(2);
    expect(mails.out).toContain(`seq=${seqs[4]}`);
    expect(mails.out).toContain('1 of 2 witnessed heads');
  });
});
