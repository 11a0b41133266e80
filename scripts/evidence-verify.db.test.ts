import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { migrateDatabase } from '../db/migrate';
import { appendEvidence } from '../lib/evidence/append';
import { verifyEvidenceChain } from '../lib/evidence/verify';
import { createCliDatabase, type CliDatabase } from '../test/cli-database';

// `npm run evidence:verify` run as a real subprocess against its own database: a temporary
// PGlite folder (PGLITE_DIR) or, on the postgres project, a fresh database (DATABASE_URL).
const onPostgres = process.env.TEST_DRIVER === 'postgres';
let cli: CliDatabase;
const open = () => cli.open();
const runVerify = (...args: string[]) => cli.run('scripts/evidence-verify.ts', ...args);

beforeAll(async () => {
  cli = await createCliDatabase('evidence');
  const handle = await open();
  await migrateDatabase(handle);
  const at = new Date('2026-11-01T00:00:00Z');
  for (let i = 0; i < 4; i++) {
    await handle.db.transaction((tx) =>
      appendEvidence(tx, [{ kind: 'delivery_result', occurredAt: at, content: { n: i, recipient: `hash-${i}` } }]),
    );
  }
  await handle.close();
});
afterAll(() => cli.close());

describe('npm run evidence:verify', () => {
  it('prints the row count and head of an intact chain and exits 0', async () => {
    const handle = await open();
    const verdict = await verifyEvidenceChain(handle.db);
    await handle.close();
    expect(verdict.ok).toBe(true);
    const { code, out } = runVerify();
    expect(code).toBe(0);
    expect(out).toContain('Evidence chain intact: 4 rows');
    expect(out).toContain(`Head: ${verdict.ok && verdict.head}`);
  });

  it('names the row edited directly in SQL and exits non-zero', async () => {
    const handle = await open();
    const [row] = rowsOf(await handle.db.execute(sql`select min(seq) + 2 as seq from evidence`));
    const third = Number(row.seq);
    await handle.db.execute(sql`update evidence set content = jsonb_set(content, '{n}', '99') where seq = ${third}`);
    await handle.close();
    const { code, out } = runVerify();
    expect(code).toBe(2);
    expect(out).toContain(`Evidence chain BROKEN at row ${third}: its stored hash does not match its content`);
    expect(out).toContain('2 rows before it verified');
  });

  it.skipIf(onPostgres)('refuses clearly while another process holds the embedded database', async () => {
    const holder = await open();
    try {
      const { code, out } = runVerify();
      expect(code).toBe(1);
      expect(out).toContain(`is in use by process ${process.pid}`);
      expect(out).toContain('Stop the running Shirase first');
    } finally {
      await holder.close();
    }
  });
});

function rowsOf(result: unknown): Record<string, unknown>[] {
  return Array.isArray(result) ? result : (result as { rows: Record<string, unknown>[] }).rows;
}
