import type { CacheState, PublicCache } from './cache';

// The server's public cache, reachable from Next's bundle (health, console banner) through
// globalThis: the custom server creates it, route handlers only read its state.
const KEY = Symbol.for('shirase.public-cache');
type Holder = { [KEY]?: PublicCache };

export function installPublicCache(cache: PublicCache | undefined): void {
  (globalThis as Holder)[KEY] = cache;
}

/** The cache state, or null when no cache runs in this process (tests, `next dev` alone). */
export function publicCacheState(): CacheState | null {
  return (globalThis as Holder)[KEY]?.state() ?? null;
}
