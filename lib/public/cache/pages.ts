import type { Locale } from '../../i18n/locales';
import type { LiveEvent } from '../../live/change-feed';
import { createEntry, type CachedEntry } from './entry';
import { cachedHtmlHeaders, prepareCachedHtml } from '../documents/html';

// The detail pages every notice links to (/incidents/{id}, /history, /maintenance and its
// months, /maintenance/{id}), kept as bytes like `/`. Unlike `/` they are made on first request:
// there is one per incident and month, so only the ones visitors ask for are held, least
// recently used evicted first, within a byte budget.

/** Renders one page through Next: its HTML on 200, `gone` on 404, null when it failed. */
export type PageRender = (path: string, locale: Locale) => Promise<string | 'gone' | null>;

export type PageStore = {
  /** The held bytes, refreshed in the background when old; undefined when missing or changed. */
  lookup(key: string): CachedEntry | undefined;
  /** The held bytes whatever their age (the "as of" copy while the database is away). */
  peek(key: string): CachedEntry | undefined;
  /** Renders a missing or changed page once, however many visitors wait for it. */
  load(key: string): Promise<PageLoad>;
  /** Marks the pages a change affects; the recently visited ones are rendered again at once. */
  invalidate(event: LiveEvent): void;
  /** Held pages, most recently used first. */
  recent(limit: number): [string, CachedEntry][];
  size(): number;
};

/** A page's bytes, or why there are none: no such page (Next's 404), or it could not be rendered. */
export type PageLoad = CachedEntry | 'not-found' | 'unavailable';

type Slot = { entry: CachedEntry; renderedAt: number; lastHit: number; changed: boolean };

const HOT_MS = 5 * 60_000;

/** `html:{path}:{locale}` (documentKey.page): the same form as `/`'s key, so the outage notice applies alike. */
function splitPageKey(key: string): { path: string; locale: Locale } {
  const last = key.lastIndexOf(':');
  return { path: key.slice('html:'.length, last), locale: key.slice(last + 1) as Locale };
}

/** Which held pages a change touches: its own page and the lists that show it. */
function affects(event: LiveEvent, path: string): boolean {
  switch (event.type) {
    case 'incident':
      return path === `/incidents/${event.incidentId}` || path === '/history' || path.startsWith('/history?');
    case 'maintenance':
      return path === `/maintenance/${event.maintenanceId}` || path === '/maintenance' || path.startsWith('/maintenance?');
    case 'deliveries':
    case 'evidence':
      return false;
    default:
      // Components, page settings and branding show on every page; resync means "maybe anything".
      return true;
  }
}

export function createPageStore(options: {
  render: PageRender;
  /** Bytes held across all pages and encodings. */
  maxBytes?: number;
  /** Re-render a page this old in the background ("now" moves: phases, the current month). */
  refreshMs?: number;
  /** False while the database is away: keep what is held, render nothing. */
  healthy: () => boolean;
  onStored?: () => void;
}): PageStore {
  const maxBytes = options.maxBytes ?? 48 * 1024 * 1024;
  const refreshMs = options.refreshMs ?? 60_000;
  const slots = new Map<string, Slot>();
  const inflight = new Map<string, Promise<PageLoad>>();
  const again = new Set<string>();
  let bytes = 0;

  const sizeOf = (entry: CachedEntry) => entry.body.length + (entry.gzip?.length ?? 0) + (entry.br?.length ?? 0);
  const drop = (key: string) => {
    const slot = slots.get(key);
    if (!slot) return;
    bytes -= sizeOf(slot.entry);
    slots.delete(key);
  };
  const store = (key: string, entry: CachedEntry, lastHit: number) => {
    drop(key);
    slots.set(key, { entry, renderedAt: Date.now(), lastHit, changed: false });
    bytes += sizeOf(entry);
    // Map order is insertion order, and a hit re-inserts: the first key is the least recently used.
    for (const oldest of slots.keys()) {
      if (bytes <= maxBytes || oldest === key) break;
      drop(oldest);
    }
    options.onStored?.();
  };

  async function renderOnce(key: string): Promise<PageLoad> {
    const { path, locale } = splitPageKey(key);
    let entry: PageLoad = 'unavailable';
    do {
      again.delete(key);
      const html = await options.render(path, locale);
      const held = slots.get(key);
      if (html === 'gone') {
        drop(key);
        return 'not-found';
      }
      // A failed render keeps the held copy (an outage shows it with its "as of" notice).
      if (html === null) return held?.entry ?? 'unavailable';
      const prepared = prepareCachedHtml(html);
      entry = createEntry(prepared.html, cachedHtmlHeaders(prepared.scriptHashes), new Date(), held?.entry);
      store(key, entry, held?.lastHit ?? Date.now());
    } while (again.has(key));
    return entry;
  }

  function render(key: string): Promise<PageLoad> {
    let pending = inflight.get(key);
    if (!pending) {
      pending = renderOnce(key).finally(() => inflight.delete(key));
      inflight.set(key, pending);
    }
    return pending;
  }

  return {
    lookup(key) {
      const slot = slots.get(key);
      if (!slot) return undefined;
      const now = Date.now();
      slots.delete(key);
      slots.set(key, slot);
      slot.lastHit = now;
      // A changed page being rendered again is served as it was until the new bytes are in.
      if (slot.changed && !inflight.has(key)) return undefined;
      if (!slot.changed && now - slot.renderedAt > refreshMs && options.healthy()) void render(key);
      return slot.entry;
    },
    peek: (key) => slots.get(key)?.entry,
    load(key) {
      return options.healthy() ? render(key) : Promise.resolve(slots.get(key)?.entry ?? 'unavailable');
    },
    invalidate(event) {
      const now = Date.now();
      for (const [key, slot] of slots) {
        if (!affects(event, splitPageKey(key).path)) continue;
        slot.changed = true;
        if (inflight.has(key)) again.add(key);
        else if (now - slot.lastHit < HOT_MS && options.healthy()) void render(key);
      }
    },
    recent(limit) {
      return [...slots]
        .reverse()
        .slice(0, limit)
        .map(([key, slot]) => [key, slot.entry]);
    },
    size: () => slots.size,
  };
}
