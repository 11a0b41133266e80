import { env, EnvError } from '../env';
import { openDatabase, type DatabaseHandle } from '../../db/client';
import { DataDirLockedError } from '../../db/lock';
import { migrateDatabase } from '../../db/migrate';
import { sealPlainTotpSecrets } from '../services/sessions/totp-sealing';

/** Opens (and migrates) the configured database for a command-line tool or the server. */
export async function openConfiguredDatabase(options: { migrate?: boolean } = {}): Promise<DatabaseHandle> {
  const config = env();
  const handle = config.DATABASE_URL
    ? await openDatabase({ driver: 'postgres', url: config.DATABASE_URL })
    : await openDatabase({ driver: 'pglite', dir: config.PGLITE_DIR });
  if (options.migrate) await applyMigrations(handle);
  return handle;
}

/** Schema migrations, then the data migrations that need this process's keys (sealing TOTP secrets). */
export async function applyMigrations(handle: DatabaseHandle): Promise<void> {
  await migrateDatabase(handle);
  const sealed = await sealPlainTotpSecrets(handle.db);
  if (sealed > 0) console.log(`Sealed ${sealed} two-factor secret(s) stored before sealing existed.`);
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
