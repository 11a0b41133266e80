import fs from 'node:fs';

// One process at a time may open an embedded data folder. The lock file holds the pid;
// a lock left by a dead process (kill -9) is taken over.
const lockPath = (dir: string) => `${dir}.lock`;

export class DataDirLockedError extends Error {}

export function acquireDataDirLock(dir: string): void {
  const file = lockPath(dir);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(fs.readFileSync(file, 'utf8').trim());
      if (holder && holder !== process.pid && isAlive(holder)) {
        throw new DataDirLockedError(
          `The embedded database in ${dir} is in use by process ${holder}. Stop the running Shirase first (or set DATABASE_URL to use a PostgreSQL server).`,
        );
      }
      fs.rmSync(file, { force: true });
    }
  }
}

export function releaseDataDirLock(dir: string): void {
  const file = lockPath(dir);
  try {
    if (fs.readFileSync(file, 'utf8').trim() === String(process.pid)) fs.rmSync(file);
  } catch {
    // already gone
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
