import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../../db/client';
import { seedDemoIfEmpty } from '../../../db/seed';
import { components } from '../../../db/schema';
import { setComponentStatuses } from '../../services/components/set-statuses';
import { createChangeFeed, type ChangeFeed } from '../../live/change-feed';
import { enqueueNotice } from '../../notices/enqueue';
import { createTestDatabase } from '../../../test/db';
import { createPublicCache, type PublicCache } from './cache';
import { documentKey } from '../documents/catalog';

let handle: DatabaseHandle;
let feed: ChangeFeed;
let cache: PublicCache;
let renders = 0;

beforeAll(async () => {
  handle = await createTestDatabase();
  await seedDemoIfEmpty(handle.db);
  feed = createChangeFeed(handle);
  await feed.ready();
  cache = createPublicCache({
    db: async () => handle.db,
    feed,
    baseUrl: () => 'https://status.example.com',
    timeZone: 'Asia/Tokyo',
    renderHtml: async (_path, locale) =>
      `<html lang="${locale}"><body><main id="main">render ${++renders}</main><script>self.a=1</script></body></html>`,
    debounceMs: 5,
  });
  await cache.rebuild();
});
afterAll(async () => {
  await cache.close();
  await feed.close();
  await handle.close();
});

const statusOf = () =>
  JSON.parse(cache.lookup(documentKey.v2('status.json', 'en'))!.entry.body.toString()) as { status: { indicator: string } };

describe('the public byte cache', () => {
  it('holds every public document in both languages after a build', () => {
    for (const key of [
      documentKey.v2('summary.json', 'ja'),
      documentKey.v2('incidents/unresolved.json', 'en'),
      documentKey.rss('ja'),
      documentKey.atom('en'),
      documentKey.badge(null, 'ja'),
      documentKey.embed('en'),
      documentKey.widget,
    ]) {
      expect(cache.lookup(key), key).toBeDefined();
    }
    const html = cache.lookup(documentKey.html('en'))!.entry;
    expect(html.body.toString()).toContain('lang="en"');
    expect(html.headers['Content-Security-Policy']).toMatch(/'sha256-[^']+'/);
    expect(cache.state()).toMatchObject({ healthy: true });
  });

  it('is rebuilt by a committed change: new bytes, new validator', async () => {
    const before = cache.lookup(documentKey.v2('status.json', 'en'))!.entry.etag;
    const htmlBefore = cache.lookup(documentKey.html('ja'))!.entry.etag;
    const [api] = await handle.db.select().from(components).limit(1);
    await handle.db.transaction((tx) =>
      setComponentStatuses(tx, {
        pageId: api.pageId,
        changes: [{ componentId: api.id, status: 'major_outage' }],
        at: new Date(),
        source: 'api',
      }),
    );
    await expect.poll(() => statusOf().status.indicator).toBe('critical');
    expect(cache.lookup(documentKey.v2('status.json', 'en'))!.entry.etag).not.toBe(before);
    expect(cache.lookup(documentKey.html('ja'))!.entry.etag).not.toBe(htmlBefore);
    expect(cache.lookup(documentKey.badge(api.id, 'en'))!.entry.body.toString()).toContain('Major outage');
  });

  it('keeps unchanged documents byte-identical (same validator) across rebuilds', async () => {
    const before = cache.lookup(documentKey.v2('components.json', 'ja'))!.entry;
    await cache.rebuild();
    const after = cache.lookup(documentKey.v2('components.json', 'ja'))!.entry;
    expect(after.etag).toBe(before.etag);
    expect(after.builtAt).toBe(before.builtAt);
    // Not compressed again.
    expect(after.br).toBe(before.br);
  });

  it('does not rebuild for outbox-only changes', async () => {
    const rendersBefore = renders;
    const [api] = await handle.db.select().from(components).limit(1);
    await handle.db.transaction((tx) =>
      enqueueNotice(tx, { pageId: api.pageId, type: 'incident_updated', componentIds: [], payload: {}, at: new Date() }),
    );
    await cache.rebuild();
    // Exactly the explicit rebuild rendered (two languages), nothing scheduled by the event.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(renders - rendersBefore).toBe(2);
  });
});
