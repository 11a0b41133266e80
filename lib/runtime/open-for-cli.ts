import { env, EnvError } from '../env';
import { openDatabase, type DatabaseHandle } from '../../db/client';
import { DataDirLockedError } from '../../db/lock';
import { migrateDatabase } from '../../db/migrate';

/** Opens (and migrates) the configured database for a command-line tool or the server. */
export async function openConfiguredDatabase(options: { migrate?: boolean } = {}): Promise<DatabaseHandle> {
  const config = env();
  const handle = config.DATABASE_URL
    ? await openDatabase({ driver: 'postgres', url: config.DATABASE_URL })
    : await openDatabase({ driver: 'pglite', dir: config.PGLITE_DIR });
  if (options.migrate) await migrateDatabase(handle);
  return handle;
}

/** Runs a CLI body, turning configuration and lock problems into one clear line and exit 1. */
export async function runCli(main: () => Promise<void>): Promise<void> {
  try {
    await main();
  } catch (error) {
    if (error instanceof EnvError || error instanceof DataDirLockedError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}
