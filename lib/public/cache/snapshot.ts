import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { createEntry, type CachedEntry } from './entry';

// The last good public documents on disk, so a restart while the database is unreachable
// still shows customers the last known status (with its time) instead of an error.

/**
 * Where an installation keeps its snapshot: inside its own PGlite folder, or (PostgreSQL) in a
 * file named after the database it reads (server, port, database name; never the password),
 * so two installations side by side can never serve each other's page.
 */
export function snapshotFileFor(config: { DATABASE_URL?: string; PGLITE_DIR: string }): string {
  if (!config.DATABASE_URL) return path.join(path.resolve(config.PGLITE_DIR), 'shirase-public-snapshot.json');
  const url = new URL(config.DATABASE_URL);
  const database = `${url.hostname}:${url.port || '5432'}/${decodeURIComponent(url.pathname.slice(1)) || url.username}`;
  const key = createHash('sha256').update(database).digest('hex').slice(0, 16);
  return path.join(path.dirname(path.resolve(config.PGLITE_DIR)), 'public-snapshots', `${key}.json`);
}

type SnapshotFile = { version: 1; entries: { key: string; headers: Record<string, string>; builtAt: string; body: string }[] };

export async function saveSnapshot(file: string, entries: Map<string, CachedEntry>): Promise<void> {
  const data: SnapshotFile = {
    version: 1,
    entries: [...entries].map(([key, e]) => ({
      key,
      headers: e.headers,
      builtAt: e.builtAt.toISOString(),
      body: e.body.toString('base64'),
    })),
  };
  await fs.promises.mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  await fs.promises.writeFile(temporary, JSON.stringify(data));
  await fs.promises.rename(temporary, file);
}

/** The saved documents, or an empty map when there is no readable snapshot. */
export function loadSnapshot(file: string): Map<string, CachedEntry> {
  try {
    const data = JSON.parse(fs.readFileSync(file, 'utf8')) as SnapshotFile;
    if (data.version !== 1) return new Map();
    return new Map(data.entries.map((e) => [e.key, createEntry(Buffer.from(e.body, 'base64'), e.headers, new Date(e.builtAt))]));
  } catch {
    return new Map();
  }
}
