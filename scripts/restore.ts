// `npm run restore FILE`: replaces the embedded database with a backup (stop the server first).
import { env } from '../lib/env';
import { runCli } from '../lib/runtime/open-for-cli';
import { restoreEmbedded } from '../lib/runtime/backup';

await runCli(async () => {
  const config = env();
  const file = process.argv[2];
  if (!file) {
    console.error('Usage: npm run restore -- FILE');
    process.exit(1);
  }
  if (config.DATABASE_URL) {
    console.error(
      'DATABASE_URL is set: restore the PostgreSQL server with pg_restore, e.g. pg_restore -d "$DATABASE_URL" --clean shirase.dump',
    );
    process.exit(1);
  }
  const { previous } = await restoreEmbedded(file, config.PGLITE_DIR);
  console.log(`Restored ${file} into ${config.PGLITE_DIR}.${previous ? ` The previous database was moved to ${previous}.` : ''}`);
});
