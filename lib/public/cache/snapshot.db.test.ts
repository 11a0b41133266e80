import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../../db/client';
import { seedDemoIfEmpty } from '../../../db/seed';
import { createTestDatabase } from '../../../test/db';
import { createChangeFeed, type ChangeFeed } from '../../live/change-feed';
import { createPublicCache } from './cache';
import { documentKey } from '../documents/catalog';
import { snapshotFileFor } from './snapshot';

// Two installations side by side (data folders in one parent, or two databases on one server):
// the one whose database is away at start must not serve the other's saved page.
const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'shirase-two-installs-'));
const installs =
  process.env.TEST_DRIVER === 'postgres'
    ? {
        a: { DATABASE_URL: 'postgres://shirase:pw-a@127.0.0.1:5432/shirase_a', PGLITE_DIR: path.join(parent, 'pg') },
        b: { DATABASE_URL: 'postgres://shirase:pw-b@127.0.0.1:5432/shirase_b', PGLITE_DIR: path.join(parent, 'pg') },
      }
    : { a: { PGLITE_DIR: path.join(parent, 'a') }, b: { PGLITE_DIR: path.join(parent, 'b') } };

let handle: DatabaseHandle;
let feed: ChangeFeed;
const unreachable = async (): Promise<never> => {
  throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
};
const options = (snapshotFile: string, db: () => Promise<DatabaseHandle['db']>) => ({
  db,
  feed,
  baseUrl: () => 'https://status.example.com',
  timeZone: 'Asia/Tokyo',
  renderHtml: async () => '<html lang="ja"><body><main id="main" class="wrap"><h1>A</h1></main></body></html>',
  snapshotFile,
  debounceMs: 5,
  probeMs: 60_000,
});

beforeAll(async () => {
  handle = await createTestDatabase();
  await seedDemoIfEmpty(handle.db);
  feed = createChangeFeed(handle);
  await feed.ready();
}, 120_000);
afterAll(async () => {
  await feed?.close().catch(() => {});
  await handle?.close();
  fs.rmSync(parent, { recursive: true, force: true });
});

describe('the public snapshot belongs to its database', () => {
  it('two installs side by side keep separate snapshots, never keyed by a password', () => {
    const a = snapshotFileFor(installs.a);
    const b = snapshotFileFor(installs.b);
    expect(a).not.toBe(b);
    if (!('DATABASE_URL' in installs.a)) expect(a.startsWith(path.resolve(installs.a.PGLITE_DIR) + path.sep)).toBe(true);
    for (const file of [a, b]) expect(file).not.toMatch(/pw-a|pw-b/);
    // The same database reached with another password (rotated) keeps its snapshot.
    expect(snapshotFileFor({ DATABASE_URL: 'postgres://shirase:old@db:5432/shirase', PGLITE_DIR: './data/pg' })).toBe(
      snapshotFileFor({ DATABASE_URL: 'postgres://shirase:new@db:5432/shirase', PGLITE_DIR: './data/pg' }),
    );
  });

  it('an install whose database is away at start serves nothing of the other install’s page, and its own once it has one', async () => {
    const a = createPublicCache(options(snapshotFileFor(installs.a), async () => handle.db));
    await a.rebuild();
    const aSummary = a.lookup(documentKey.v2('summary.json', 'ja'))!.entry;
    expect(JSON.parse(aSummary.body.toString()).components.length).toBeGreaterThan(0);
    await a.close();
    expect(fs.existsSync(snapshotFileFor(installs.a))).toBe(true);

    const b = createPublicCache(options(snapshotFileFor(installs.b), unreachable));
    await b.rebuild();
    expect(b.state().healthy).toBe(false);
    for (const key of [
      documentKey.v2('summary.json', 'ja'),
      documentKey.v2('incidents.json', 'en'),
      documentKey.html('ja'),
      documentKey.html('en'),
    ]) {
      expect(b.lookup(key), key).toBeUndefined();
    }
    await b.close();

    // Install A restarted with its database away still has its own last page.
    const again = createPublicCache(options(snapshotFileFor(installs.a), unreachable));
    await again.rebuild();
    expect(again.lookup(documentKey.v2('summary.json', 'ja'))!.entry.body.equals(aSummary.body)).toBe(true);
    await again.close();
  });
});
