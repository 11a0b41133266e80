import { env } from './env';
import { openDatabase, type DatabaseHandle } from '../db/client';

// One database handle per process, kept on globalThis because the custom server (tsx)
// and Next's server bundle load this module separately but must share one PGlite.
const KEY = Symbol.for('shirase.database');
type Holder = { [KEY]?: Promise<DatabaseHandle> };
const holder = globalThis as Holder;

export function databaseHandle(): Promise<DatabaseHandle> {
  holder[KEY] ??= openFromEnv();
  return holder[KEY];
}

export async function getDb() {
  return (await databaseHandle()).db;
}

/** Used by the start script and tests to install an already opened handle. */
export function installDatabase(handle: DatabaseHandle): void {
  holder[KEY] = Promise.resolve(handle);
}

function openFromEnv(): Promise<DatabaseHandle> {
  const config = env();
  return config.DATABASE_URL
    ? openDatabase({ driver: 'postgres', url: config.DATABASE_URL })
    : openDatabase({ driver: 'pglite', dir: config.PGLITE_DIR });
}
