import { sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { formatDateTime } from '../../i18n/format';
import { LOCALES, type Locale } from '../../i18n/locales';
import { t } from '../../i18n/messages';
import type { ChangeFeed } from '../../live/change-feed';
import { loadPublicSource } from '../read/source';
import { buildDocuments, buildWidgetEntry, documentKey } from '../documents/catalog';
import { createEntry, type CachedEntry } from './entry';
import { cachedHtmlHeaders, prepareCachedHtml, withStaleNotice } from '../documents/html';
import { createPageStore, type PageRender } from './pages';
import { loadSnapshot, saveSnapshot } from './snapshot';

export type PublicCacheOptions = {
  db: () => Promise<Db>;
  feed: ChangeFeed;
  baseUrl: () => string;
  timeZone: string;
  /** Renders a public page through Next in one language (`/` and the detail pages). */
  renderHtml?: PageRender;
  /** Byte budget of the detail pages held (least recently used evicted). */
  pageBytes?: number;
  snapshotFile?: string;
  debounceMs?: number;
  /** Rebuild this often even without changes: "as of" times and maintenance windows move on. */
  refreshMs?: number;
  /** How often the database is probed, and retried while it is unreachable. */
  probeMs?: number;
  /** The page language rendered first after a change (default ja). */
  defaultLocale?: Locale;
  /** Called when the database is found unreachable (false) and when it is back (true). */
  onHealthChange?: (healthy: boolean) => void;
};

export type CacheHit = { entry: CachedEntry; asOf?: Date };

export type CacheState = { healthy: boolean; degradedSince: Date | null; builtAt: Date | null; entries: number };

export type PublicCache = {
  lookup(key: string): CacheHit | undefined;
  /** A detail page not held (or changed): rendered once for all who ask. */
  loadPage(key: string): Promise<CacheHit | 'not-found' | 'unavailable'>;
  /** Rebuilds now (or right after a running rebuild) and resolves when done. */
  rebuild(): Promise<void>;
  state(): CacheState;
  close(): Promise<void>;
};

const PROBE_TIMEOUT_MS = 2_000;
const REBUILD_TIMEOUT_MS = 15_000;
/** Detail pages kept in the snapshot file: the most recently visited. */
const SNAPSHOT_PAGES = 200;

/**
 * The public documents as bytes, rebuilt (debounced) on every change event and on a timer.
 * When the database is unreachable it keeps serving the last good bytes (from memory, else
 * from the snapshot file) marked with their time, and recovers by itself.
 */
export function createPublicCache(options: PublicCacheOptions): PublicCache {
  let entries = new Map<string, CachedEntry>();
  const fallback = options.snapshotFile ? loadSnapshot(options.snapshotFile) : new Map<string, CachedEntry>();
  const widget = buildWidgetEntry();
  const staleVariants = new Map<string, CachedEntry>();
  let degradedSince: Date | null = null;
  let builtAt: Date | null = null;
  let running: Promise<void> | null = null;
  let again = false;
  let debounce: NodeJS.Timeout | undefined;
  let saving: Promise<void> = Promise.resolve();
  let closed = false;

  const markDegraded = () => {
    if (degradedSince) return;
    degradedSince = new Date();
    options.onHealthChange?.(false);
  };

  const renderPage = (locale: Locale) =>
    options.renderHtml
      ? options.renderHtml('/', locale).then(
          (html) => (html === 'gone' ? null : html),
          () => null,
        )
      : Promise.resolve(null);
  let saveSoon: NodeJS.Timeout | undefined;
  const pages = createPageStore({
    render: (path, locale) => (options.renderHtml ? options.renderHtml(path, locale).catch(() => null) : Promise.resolve(null)),
    maxBytes: options.pageBytes,
    refreshMs: options.refreshMs,
    healthy: () => !degradedSince,
    onStored: () => {
      clearTimeout(saveSoon);
      saveSoon = setTimeout(save, 2_000);
    },
  });
  const save = () => {
    if (!options.snapshotFile || closed) return;
    const file = options.snapshotFile;
    const saved = new Map([...entries, ...pages.recent(SNAPSHOT_PAGES)]);
    saving = saving.then(() => saveSnapshot(file, saved)).catch((error) => console.error('public snapshot not saved', error));
  };
  // The default language first: most visitors see the change as soon as that one page is ready.
  const pageLocales = [options.defaultLocale ?? 'ja', ...LOCALES.filter((l) => l !== (options.defaultLocale ?? 'ja'))];

  async function build(): Promise<void> {
    // The first page render (through Next) overlaps the document build; while the database is
    // away it waits for the cheap source query to succeed, so retries do not make Next log errors.
    let firstPage = degradedSince ? null : renderPage(pageLocales[0]);
    const db = await options.db();
    const source = await withTimeout(loadPublicSource(db), REBUILD_TIMEOUT_MS);
    firstPage ??= renderPage(pageLocales[0]);
    const next = buildDocuments(source, options.baseUrl(), entries);
    next.set(documentKey.widget, buildWidgetEntry(source.brandColor ?? null, entries.get(documentKey.widget) ?? widget));
    for (const locale of LOCALES) {
      const previous = entries.get(documentKey.html(locale));
      if (previous) next.set(documentKey.html(locale), previous);
    }
    let changed = [...next].some(([key, e]) => entries.get(key)?.etag !== e.etag);
    entries = next;
    builtAt = source.loadedAt;
    staleVariants.clear();
    if (degradedSince) {
      degradedSince = null;
      options.onHealthChange?.(true);
    }
    for (const [index, locale] of pageLocales.entries()) {
      const html = await (index === 0 ? firstPage : renderPage(locale));
      if (!html) continue;
      const key = documentKey.html(locale);
      const prepared = prepareCachedHtml(html);
      const entry = createEntry(prepared.html, cachedHtmlHeaders(prepared.scriptHashes), new Date(), entries.get(key));
      changed ||= entry.etag !== entries.get(key)?.etag;
      entries.set(key, entry);
    }
    if (changed) save();
  }

  function rebuild(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        try {
          await build();
        } catch (error) {
          const reason = ((error as Error).cause as Error | undefined)?.message ?? (error as Error).message;
          if (!degradedSince)
            console.error(`public cache: rebuild failed (${reason.split('\n')[0]}); serving the last known documents`);
          markDegraded();
        }
      } while (again && !closed);
      running = null;
    })();
    return running;
  }

  const schedule = () => {
    clearTimeout(debounce);
    debounce = setTimeout(() => void rebuild(), options.debounceMs ?? 30);
  };
  const unsubscribe = options.feed.subscribe((event) => {
    pages.invalidate(event);
    // Deliveries change nothing the public sees.
    if (event.type !== 'deliveries') schedule();
  });
  const refresh = setInterval(schedule, options.refreshMs ?? 60_000);
  const probe = setInterval(async () => {
    if (degradedSince) return void rebuild();
    try {
      await withTimeout(
        options.db().then((db) => db.execute(sql`select 1`)),
        PROBE_TIMEOUT_MS,
      );
    } catch {
      markDegraded();
    }
  }, options.probeMs ?? 5_000);
  refresh.unref();
  probe.unref();

  function staleVariant(key: string, entry: CachedEntry): CachedEntry {
    if (!key.startsWith('html:')) return entry;
    const locale = key.slice(key.lastIndexOf(':') + 1) as Locale;
    const cacheKey = `${key}:${entry.etag}`;
    let variant = staleVariants.get(cacheKey);
    if (!variant) {
      const notice = t(locale, 'live')('staleNotice', { time: formatDateTime(entry.builtAt, locale, options.timeZone) });
      variant = createEntry(withStaleNotice(entry.body.toString('utf8'), notice), entry.headers, entry.builtAt);
      staleVariants.set(cacheKey, variant);
    }
    return variant;
  }

  function lookup(key: string): CacheHit | undefined {
    if (!degradedSince) {
      const entry = entries.get(key) ?? pages.lookup(key);
      return entry ? { entry } : undefined;
    }
    const entry = entries.get(key) ?? pages.peek(key) ?? fallback.get(key);
    return entry ? { entry: staleVariant(key, entry), asOf: entry.builtAt } : undefined;
  }

  return {
    lookup,
    async loadPage(key) {
      if (degradedSince) return lookup(key) ?? 'unavailable';
      const loaded = await pages.load(key);
      return typeof loaded === 'string' ? loaded : { entry: loaded };
    },
    rebuild,
    state: () => ({ healthy: !degradedSince, degradedSince, builtAt, entries: entries.size + pages.size() }),
    async close() {
      closed = true;
      unsubscribe();
      clearTimeout(debounce);
      clearTimeout(saveSoon);
      clearInterval(refresh);
      clearInterval(probe);
      await running;
      await saving;
    },
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
