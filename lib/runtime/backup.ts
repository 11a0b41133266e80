import fs from 'node:fs';
import path from 'node:path';
import { acquireDataDirLock, releaseDataDirLock } from '../../db/lock';

// Backup and restore of the embedded database. Both take the data folder's lock, so they
// refuse while the server runs (a copy taken under a live writer could be torn).

export async function backupEmbedded(dataDir: string, file: string): Promise<{ bytes: number }> {
  const dir = path.resolve(dataDir);
  if (!fs.existsSync(dir)) throw new Error(`No embedded database at ${dir}.`);
  acquireDataDirLock(dir);
  try {
    const { PGlite } = await import('@electric-sql/pglite');
    const client = await PGlite.create({ dataDir: dir });
    const dump = await client.dumpDataDir('gzip');
    await client.close();
    const bytes = Buffer.from(await dump.arrayBuffer());
    fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    fs.writeFileSync(file, bytes);
    return { bytes: bytes.length };
  } finally {
    releaseDataDirLock(dir);
  }
}

/**
 * Restores a backup into `dataDir`. An existing folder is moved aside, never deleted, so a
 * mistaken restore loses nothing; returns where it went.
 */
export async function restoreEmbedded(file: string, dataDir: string): Promise<{ previous: string | null }> {
  if (!fs.existsSync(file)) throw new Error(`Backup file not found: ${file}`);
  const dir = path.resolve(dataDir);
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  acquireDataDirLock(dir);
  try {
    let previous: string | null = null;
    if (fs.existsSync(dir) && fs.readdirSync(dir).length > 0) {
      previous = `${dir}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      fs.renameSync(dir, previous);
    }
    const { PGlite } = await import('@electric-sql/pglite');
    const client = await PGlite.create({ dataDir: dir, loadDataDir: new Blob([fs.readFileSync(file)]) });
    await client.query('select 1');
    await client.close();
    return { previous };
  } finally {
    releaseDataDirLock(dir);
  }
}
