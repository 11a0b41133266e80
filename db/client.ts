import fs from 'node:fs';
import path from 'node:path';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import * as schema from './schema';
import { acquireDataDirLock, releaseDataDirLock } from './lock';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** Query functions take this as their first argument so tests and workers pass their own. */
export type DbOrTx = Db | Tx;

/** The rows of a raw `execute()`: postgres.js returns them as an array, PGlite as `{ rows }`. */
export function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : ((result as { rows?: T[] }).rows ?? [])) as T[];
}

export type DatabaseHandle = {
  db: Db;
  driver: 'pglite' | 'postgres';
  /**
   * LISTEN on a channel; returns a function that stops listening. `onListen` runs each time
   * the listening connection is (re)established, so callers can resync after a reconnect.
   */
  listen(channel: string, onPayload: (payload: string) => void, onListen?: () => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
};

export type OpenOptions =
  { driver: 'postgres'; url: string; max?: number } | { driver: 'pglite'; dir?: string; loadDataDir?: Blob; lock?: boolean };

export async function openDatabase(options: OpenOptions): Promise<DatabaseHandle> {
  return options.driver === 'postgres' ? openPostgres(options.url, options.max) : openPglite(options);
}

/**
 * postgres.js waits up to 20 s between reconnection attempts after repeated failures (its
 * counter is shared by the pool), so after a database restart a worker could sit idle long
 * enough for its leases to run out and its sent mail to go out again. A second at most.
 */
export function reconnectDelaySeconds(retries: number): number {
  return (0.5 + Math.random() / 2) * Math.min(0.1 * 2 ** retries, 1);
}

async function openPostgres(url: string, max = 10): Promise<DatabaseHandle> {
  const { default: postgres } = await import('postgres');
  const { drizzle } = await import('drizzle-orm/postgres-js');
  const sql = postgres(url, { max, onnotice: () => {}, connect_timeout: 5, idle_timeout: 30, backoff: reconnectDelaySeconds });
  const db = drizzle(sql, { schema }) as unknown as Db;
  return {
    db,
    driver: 'postgres',
    async listen(channel, onPayload, onListen) {
      const sub = await sql.listen(channel, onPayload, onListen);
      return () => sub.unlisten();
    },
    close: () => sql.end({ timeout: 5 }),
  };
}

async function openPglite(options: { dir?: string; loadDataDir?: Blob; lock?: boolean }): Promise<DatabaseHandle> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  const dir = options.dir ? path.resolve(options.dir) : undefined;
  // PGlite has no lock across processes: a second opener could corrupt the folder.
  if (dir && options.lock !== false) {
    fs.mkdirSync(path.dirname(dir), { recursive: true });
    acquireDataDirLock(dir);
  }
  const client = await PGlite.create(dir ? { dataDir: dir } : { loadDataDir: options.loadDataDir });
  const db = drizzle(client, { schema }) as unknown as Db;
  return {
    db,
    driver: 'pglite',
    async listen(channel, onPayload, onListen) {
      const stop = await client.listen(channel, onPayload);
      onListen?.();
      return stop;
    },
    async close() {
      await client.close();
      if (dir && options.lock !== false) releaseDataDirLock(dir);
    },
  };
}

export { schema };
