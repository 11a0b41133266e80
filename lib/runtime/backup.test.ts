import { afterAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { count } from 'drizzle-orm';
import { openDatabase } from '../../db/client';
import { migrateDatabase } from '../../db/migrate';
import { seedDemoIfEmpty } from '../../db/seed';
import { incidents, subscribers } from '../../db/schema';
import { createSubscriber } from '../../test/factories';
import { appendEvidence } from '../evidence/append';
import { verifyEvidenceChain } from '../evidence/verify';

const run = promisify(execFile);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'shirase-backup-'));
const dataDir = path.join(tmp, 'pg');
const cli = (script: string, args: string[]) =>
  run('npx', ['tsx', `scripts/${script}.ts`, ...args], {
    env: { ...process.env, PGLITE_DIR: dataDir, DATABASE_URL: '' },
    cwd: process.cwd(),
  });

afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function counts() {
  const handle = await openDatabase({ driver: 'pglite', dir: dataDir });
  const [i] = await handle.db.select({ n: count() }).from(incidents);
  const [s] = await handle.db.select({ n: count() }).from(subscribers);
  const chain = await verifyEvidenceChain(handle.db);
  await handle.close();
  return { incidents: i.n, subscribers: s.n, chain };
}

describe('npm run backup / npm run restore (embedded database)', () => {
  it('round-trips incidents, subscribers and a valid evidence chain, and keeps the replaced folder', async () => {
    const handle = await openDatabase({ driver: 'pglite', dir: dataDir });
    await migrateDatabase(handle);
    await seedDemoIfEmpty(handle.db);
    const [page] = await handle.db.query.pages.findMany();
    await createSubscriber(handle.db, page.id, { address: 'keep@example.com' });
    await handle.db.transaction((tx) =>
      appendEvidence(tx, [{ kind: 'delivery_result', occurredAt: new Date(), content: { r: 'x' } }]),
    );
    await handle.close();
    const before = await counts();
    expect(before.chain.ok).toBe(true);

    const file = path.join(tmp, 'backup.tar.gz');
    const backup = await cli('backup', [file]);
    expect(backup.stdout).toContain('Backup written');

    // Lose data after the backup, then restore.
    const damaged = await openDatabase({ driver: 'pglite', dir: dataDir });
    await damaged.db.delete(subscribers);
    await damaged.close();
    expect((await counts()).subscribers).toBe(0);

    const restore = await cli('restore', [file]);
    expect(restore.stdout).toMatch(/previous database was moved to/);
    const after = await counts();
    expect(after).toEqual(before);
    expect(fs.readdirSync(tmp).some((name) => name.startsWith('pg.before-restore-'))).toBe(true);
  });

  it('refuses with one clear line while another process holds the database', async () => {
    fs.writeFileSync(`${dataDir}.lock`, String(process.pid));
    try {
      await expect(cli('backup', [path.join(tmp, 'x.tar.gz')])).rejects.toMatchObject({
        stderr: expect.stringContaining('is in use by process'),
      });
    } finally {
      fs.rmSync(`${dataDir}.lock`, { force: true });
    }
  });
});
