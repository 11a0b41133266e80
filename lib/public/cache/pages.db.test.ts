import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maintenances } from '../../../db/schema';
import type { DatabaseHandle } from '../../../db/client';
import { seedDemoIfEmpty } from '../../../db/seed';
import { contextsByRole } from '../../../test/console-fixtures';
import { createTestDatabase } from '../../../test/db';
import type { Locale } from '../../i18n/locales';
import { publishChange } from '../../events/publish';
import { createChangeFeed, type ChangeFeed } from '../../live/change-feed';
import { resolvePage } from '../../pages/context';
import { findPublicIncident } from '../read/incidents';
import { findPublicMaintenance } from '../read/maintenances';
import type { ServiceContext } from '../../services/context';
import { openIncident } from '../../services/incidents/open';
import { postIncidentUpdate } from '../../services/incidents/post-update';
import { postMaintenanceUpdate } from '../../services/maintenances/post-update';
import { createPublicCache, type PublicCache } from './cache';
import { documentKey } from '../documents/catalog';

// Next stands outside this test: the render below reads the same rows its pages read, and
// counts how often each page was rendered.

let handle: DatabaseHandle;
let feed: ChangeFeed;
let cache: PublicCache;
let operator: ServiceContext;
let pageId: string;
const renders = new Map<string, number>();
let slowRender = 0;

async function render(path: string, locale: Locale): Promise<string | 'gone' | null> {
  renders.set(`${path}:${locale}`, (renders.get(`${path}:${locale}`) ?? 0) + 1);
  if (slowRender) await new Promise((resolve) => setTimeout(resolve, slowRender));
  const db = handle.db;
  const detail = /^\/(incidents|maintenance)\/(.+)$/.exec(path);
  let text = path;
  if (detail?.[1] === 'incidents') {
    const incident = await findPublicIncident(db, pageId, detail[2], locale);
    if (!incident) return 'gone';
    text = incident.updates.map((u) => u.body).join(' / ');
  } else if (detail) {
    const maintenance = await findPublicMaintenance(db, pageId, detail[2], locale, new Date());
    if (!maintenance) return 'gone';
    text = maintenance.updates.map((u) => u.body).join(' / ');
  }
  return `<html lang="${locale}"><body><main id="main">${text}</main></body></html>`;
}

const heldEntry = (loaded: Awaited<ReturnType<PublicCache['loadPage']>>) => {
  if (typeof loaded === 'string') throw new Error(`expected bytes, got ${loaded}`);
  return loaded.entry;
};
const rendered = (path: string, locale: Locale = 'ja') => renders.get(`${path}:${locale}`) ?? 0;
const body = (path: string, locale: Locale = 'ja') => cache.lookup(documentKey.page(path, locale))?.entry.body.toString();

async function openOne(title: string) {
  return openIncident({
    ctx: operator,
    input: { title, severity: 'minor', components: [], body: `${title} を調査しています。`, notify: false },
  });
}

/** Resolves once every change committed so far has reached the cache (events arrive in order). */
async function settled(): Promise<void> {
  const headId = -Math.floor(Math.random() * 1e9);
  const seen = new Promise<void>((resolve) => {
    const stop = feed.subscribe((event) => {
      if (event.type !== 'evidence' || event.headId !== headId) return;
      stop();
      resolve();
    });
  });
  await publishChange(handle.db, { type: 'evidence', headId });
  await seen;
}

beforeAll(async () => {
  handle = await createTestDatabase();
  await seedDemoIfEmpty(handle.db);
  pageId = (await resolvePage(handle.db)).id;
  operator = (await contextsByRole(handle.db)).operator;
  feed = createChangeFeed(handle);
  await feed.ready();
  cache = createPublicCache({
    db: async () => handle.db,
    feed,
    baseUrl: () => 'https://status.example.com',
    timeZone: 'Asia/Tokyo',
    renderHtml: render,
    debounceMs: 5,
  });
  await cache.rebuild();
});
afterAll(async () => {
  await cache.close();
  await feed.close();
  await handle.close();
});

describe('the detail pages as bytes', () => {
  it('renders a page once on first request, however many ask at once, then serves the held bytes', async () => {
    const { id } = await openOne('初回の障害');
    const key = documentKey.page(`/incidents/${id}`, 'ja');
    expect(cache.lookup(key)).toBeUndefined();
    slowRender = 50;
    const hits = (await Promise.all(Array.from({ length: 20 }, () => cache.loadPage(key)))).map(heldEntry);
    slowRender = 0;
    expect(rendered(`/incidents/${id}`)).toBe(1);
    expect(new Set(hits.map((hit) => hit.etag)).size).toBe(1);
    expect(hits[0].body.toString()).toContain('初回の障害 を調査しています。');
    for (let i = 0; i < 5; i++) expect(cache.lookup(key)?.entry.etag).toBe(hits[0].etag);
    expect(rendered(`/incidents/${id}`)).toBe(1);
  });

  it('renders an incident page again after that incident changes, and not after another incident changes', async () => {
    const watched = await openOne('監視する障害');
    const other = await openOne('別の障害');
    await settled();
    const path = `/incidents/${watched.id}`;
    await cache.loadPage(documentKey.page(path, 'ja'));
    await cache.loadPage(documentKey.page(path, 'en'));
    await cache.loadPage(documentKey.page('/history', 'ja'));
    const before = { page: rendered(path), history: rendered('/history') };

    await postIncidentUpdate({
      ctx: operator,
      input: {
        incidentId: other.id,
        status: 'identified',
        body: '別の障害の原因が分かりました。',
        components: [],
        notify: false,
      },
    });
    await expect.poll(() => rendered('/history')).toBe(before.history + 1);
    expect(rendered(path)).toBe(before.page);

    await postIncidentUpdate({
      ctx: operator,
      input: { incidentId: watched.id, status: 'identified', body: '原因が分かりました。', components: [], notify: false },
    });
    await expect.poll(() => body(path)).toContain('原因が分かりました。');
    await expect.poll(() => body(path, 'en')).toContain('原因が分かりました。');
    expect(rendered(path)).toBe(before.page + 1);
    expect(rendered('/history')).toBe(before.history + 2);
  });

  it('renders a maintenance page and the calendar again after that maintenance changes, leaving incident pages alone', async () => {
    const [maintenance] = await handle.db.select().from(maintenances).limit(1);
    const { id } = await openOne('保守と無関係の障害');
    await settled();
    const paths = [`/maintenance/${maintenance.id}`, '/maintenance?month=2026-12', `/incidents/${id}`];
    for (const path of paths) await cache.loadPage(documentKey.page(path, 'ja'));
    const before = paths.map((path) => rendered(path));

    await postMaintenanceUpdate({ ctx: operator, input: { id: maintenance.id, body: '作業を始めました。' } });
    await expect.poll(() => body(paths[0])).toContain('作業を始めました。');
    await expect.poll(() => rendered(paths[1])).toBe(before[1] + 1);
    expect(rendered(paths[2])).toBe(before[2]);
  });

  it('answers nothing for an unknown incident, so Next shows its not-found page', async () => {
    expect(await cache.loadPage(documentKey.page('/incidents/00000000-0000-4000-8000-000000000000', 'ja'))).toBe('not-found');
  });
});

describe('the memory the detail pages take', () => {
  it('stays within its byte budget, evicting the least recently used page first', async () => {
    const small = createPublicCache({
      db: async () => handle.db,
      feed,
      baseUrl: () => 'https://status.example.com',
      timeZone: 'Asia/Tokyo',
      renderHtml: async (path) => `<html><body><main>${path}${'・'.repeat(600)}</main></body></html>`,
      pageBytes: 3 * 2_500,
    });
    const month = (m: number) => documentKey.page(`/history?month=2026-0${m}`, 'ja');
    await small.loadPage(month(1));
    await small.loadPage(month(2));
    await small.loadPage(month(3));
    expect(small.lookup(month(1))).toBeDefined();
    await small.loadPage(month(4));
    // Month 1 was just used, so month 2 went.
    expect(small.lookup(month(2))).toBeUndefined();
    expect(small.lookup(month(1))).toBeDefined();
    expect(small.lookup(month(4))).toBeDefined();
    await small.close();
  });
});
