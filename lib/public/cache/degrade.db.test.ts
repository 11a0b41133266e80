import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../../db/client';
import { migrateDatabase } from '../../../db/migrate';
import { seedDemoIfEmpty } from '../../../db/seed';
import { startThrowawayCluster, type ThrowawayCluster } from '../../../test/throwaway-cluster';
import { createChangeFeed, type ChangeFeed } from '../../live/change-feed';
import { createPublicCache, type PublicCache } from './cache';
import { documentKey } from '../documents/catalog';

// The database goes away while the page is being served: on PostgreSQL a private cluster is
// stopped and started again; on PGlite the embedded database is closed and reopened.

type Database = { current: DatabaseHandle; down(): Promise<void>; up(): Promise<void>; dispose(): Promise<void> };

async function downableDatabase(): Promise<Database> {
  if (process.env.TEST_DRIVER === 'postgres') {
    const cluster: ThrowawayCluster = await startThrowawayCluster();
    const handle = await openDatabase({ driver: 'postgres', url: cluster.url, max: 2 });
    return {
      current: handle,
      down: async () => cluster.stop(),
      up: async () => cluster.start(),
      dispose: async () => {
        await handle.close().catch(() => {});
        cluster.destroy();
      },
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shirase-degrade-'));
  const database: Database = {
    current: await openDatabase({ driver: 'pglite', dir: path.join(dir, 'pg') }),
    down: () => database.current.close(),
    up: async () => {
      database.current = await openDatabase({ driver: 'pglite', dir: path.join(dir, 'pg') });
    },
    dispose: async () => {
      await database.current.close().catch(() => {});
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  return database;
}

let database: Database;
let feed: ChangeFeed;
let cache: PublicCache;
const snapshotFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'shirase-snapshot-')), 'public-snapshot.json');

const options = (overrides: { snapshot?: string } = {}) => ({
  db: async () => database.current.db,
  feed,
  baseUrl: () => 'https://status.example.com',
  timeZone: 'Asia/Tokyo',
  renderHtml: async (path: string, locale: 'ja' | 'en') =>
    `<html lang="${locale}"><body><main id="main" class="wrap"><h1>${path}</h1></main></body></html>`,
  snapshotFile: overrides.snapshot ?? snapshotFile,
  debounceMs: 5,
  probeMs: 50,
});

beforeAll(async () => {
  database = await downableDatabase();
  await migrateDatabase(database.current);
  await seedDemoIfEmpty(database.current.db);
  feed = createChangeFeed(database.current);
  await feed.ready();
  cache = createPublicCache(options());
  await cache.rebuild();
}, 120_000);
afterAll(async () => {
  await cache?.close();
  await feed?.close().catch(() => {});
  await database?.dispose();
});

// A detail page a notice linked to, visited before the outage; and one nobody visited.
const visited = documentKey.page('/incidents/11111111-1111-4111-8111-111111111111', 'ja');
const neverVisited = documentKey.page('/incidents/22222222-2222-4222-8222-222222222222', 'en');
const held = (loaded: Awaited<ReturnType<PublicCache['loadPage']>>) => {
  if (typeof loaded === 'string') throw new Error(`expected bytes, got ${loaded}`);
  return loaded;
};
const snapshotHolds = (key: string) =>
  fs.existsSync(snapshotFile) && fs.readFileSync(snapshotFile, 'utf8').includes(`"key":"${key}"`);

describe('when the database is unreachable', () => {
  it('keeps serving the last known documents with their time, and a visible notice on the page', async () => {
    await cache.loadPage(visited);
    await expect.poll(() => snapshotHolds(visited), { timeout: 10_000 }).toBe(true);
    const before = cache.lookup(documentKey.v2('summary.json', 'ja'))!.entry;
    await database.down();
    await expect.poll(() => cache.state().healthy, { timeout: 10_000 }).toBe(false);

    const json = cache.lookup(documentKey.v2('summary.json', 'ja'))!;
    expect(json.entry.body.equals(before.body)).toBe(true);
    expect(json.asOf).toEqual(before.builtAt);
    const page = cache.lookup(documentKey.html('ja'))!;
    expect(page.asOf).toBeDefined();
    expect(page.entry.body.toString()).toMatch(/<p class="stale-notice" role="status">[^<]*\d{2}:\d{2}/);
    expect(cache.lookup(documentKey.html('en'))!.entry.body.toString()).toContain('status as of');
    const detail = held(await cache.loadPage(visited));
    expect(detail.asOf).toBeDefined();
    expect(detail.entry.body.toString()).toMatch(/<p class="stale-notice" role="status">[^<]*\d{2}:\d{2}[^]*\/incidents\/1111/);
    // Never rendered: nothing to show, so the server's outage gate answers its 503 page.
    expect(await cache.loadPage(neverVisited)).toBe('unavailable');
  });

  it('serves the snapshot file after a restart that finds the database still away', async () => {
    const restarted = createPublicCache(options());
    await restarted.rebuild();
    expect(restarted.state().healthy).toBe(false);
    const hit = restarted.lookup(documentKey.v2('status.json', 'en'))!;
    expect(JSON.parse(hit.entry.body.toString()).status.indicator).toBe('minor');
    expect(hit.asOf).toBeInstanceOf(Date);
    expect(restarted.lookup(documentKey.html('ja'))!.entry.body.toString()).toContain('stale-notice');
    expect(held(await restarted.loadPage(visited)).entry.body.toString()).toContain('stale-notice');
    await restarted.close();
  });

  it('recovers by itself when the database is back', async () => {
    await database.up();
    await expect.poll(() => cache.state().healthy, { timeout: 15_000 }).toBe(true);
    const page = cache.lookup(documentKey.html('ja'))!;
    expect(page.asOf).toBeUndefined();
    expect(page.entry.body.toString()).not.toContain('stale-notice');
    const detail = held(await cache.loadPage(visited));
    expect(detail.asOf).toBeUndefined();
    expect(detail.entry.body.toString()).not.toContain('stale-notice');
  });
});
