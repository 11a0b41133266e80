// `npm run backup [FILE]`: a gzip snapshot of the embedded database (stop the server first).
import { env } from '../lib/env';
import { runCli } from '../lib/runtime/open-for-cli';
import { backupEmbedded } from '../lib/runtime/backup';

await runCli(async () => {
  const config = env();
  if (config.DATABASE_URL) {
    console.error(
      'DATABASE_URL is set: back up the PostgreSQL server with pg_dump, e.g. pg_dump -Fc "$DATABASE_URL" > shirase.dump',
    );
    process.exit(1);
  }
  const file = process.argv[2] ?? `backups/shirase-${new Date().toISOString().replace(/[:.]/g, '-')}.tar.gz`;
  const { bytes } = await backupEmbedded(config.PGLITE_DIR, file);
  console.log(`Backup written to ${file} (${bytes} bytes).`);
});
