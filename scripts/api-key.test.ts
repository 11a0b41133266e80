import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { openDatabase } from '../db/client';
import { acquireDataDirLock, releaseDataDirLock } from '../db/lock';
import { migrateDatabase } from '../db/migrate';
import { apiKeys, auditLog } from '../db/schema';
import { hashApiKey } from '../lib/services/api-keys/keys';

// `npm run api-key` as a real subprocess on its own embedded database folder.
let tmp: string;
let dataDir: string;

function run(...args: string[]) {
  const result = spawnSync(path.resolve('node_modules/.bin/tsx'), ['scripts/api-key.ts', ...args], {
    env: { ...process.env, PGLITE_DIR: dataDir, DATABASE_URL: '', DEFAULT_LOCALE: 'en', NODE_ENV: 'production' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'shirase-api-key-'));
  dataDir = path.join(tmp, 'pg');
  const handle = await openDatabase({ driver: 'pglite', dir: dataDir });
  await migrateDatabase(handle);
  await handle.close();
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('npm run api-key', () => {
  it('creates a key, printing it once; lists it without the key; revokes it; all audited', async () => {
    const created = run('create', 'ci-deployer');
    expect(created.code).toBe(0);
    const key = created.out.trim().split('\n').at(-1)!;
    expect(key).toMatch(/^shirase_[A-Za-z0-9_-]{43}$/);
    expect(created.err).toContain('shown only this once');

    const listed = run('list');
    expect(listed.out).toContain('ci-deployer');
    expect(listed.out).not.toContain(key);
    const id = listed.out.trim().split(/\s+/)[0];

    expect(run('revoke', id).out).toContain('Revoked API key "ci-deployer"');
    const again = run('revoke', id);
    expect(again.code).toBe(1);
    expect(again.err).toContain('already revoked');

    const handle = await openDatabase({ driver: 'pglite', dir: dataDir });
    const [row] = await handle.db.select().from(apiKeys).where(eq(apiKeys.id, id));
    expect(row.keyHash).toBe(hashApiKey(key));
    expect(row.role).toBe('operator');
    expect(row.revokedAt).not.toBeNull();
    const actions = (await handle.db.select().from(auditLog)).map((a) => `${a.action} ${a.actorLabel}`);
    expect(actions).toEqual(['api_key.create system:cli', 'api_key.revoke system:cli']);
    expect(JSON.stringify(await handle.db.select().from(auditLog))).not.toContain(row.keyHash);
    await handle.close();
  });

  it('creates an admin key with --admin (it may manage subscribers)', async () => {
    expect(run('create', 'subscriber-sync', '--admin').code).toBe(0);
    expect(run('list').out).toMatch(/subscriber-sync\s+admin/);
  });

  it('explains its usage and bad input', () => {
    const usage = run('rotate');
    expect(usage.code).toBe(2);
    expect(usage.err).toContain('create NAME [--admin] | revoke ID | list');
    const bad = run('revoke', 'not-an-id');
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('key id from the list');
  });

  it('refuses clearly while another process holds the embedded database', () => {
    acquireDataDirLock(dataDir);
    try {
      const refused = run('list');
      expect(refused.code).toBe(1);
      expect(refused.err).toMatch(/in use by process \d+\. Stop the running Shirase first/);
    } finally {
      releaseDataDirLock(dataDir);
    }
  });
});
