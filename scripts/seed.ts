// `npm run seed`: seeds the demo page if the database is empty.
import { openConfiguredDatabase, runCli } from '../lib/runtime/open-for-cli';
import { seedDemoIfEmpty } from '../db/seed';
import { recordSeededHistory } from '../lib/evidence/seeded-history';

await runCli(async () => {
  const handle = await openConfiguredDatabase({ migrate: true });
  const seeded = await seedDemoIfEmpty(handle.db);
  if (seeded) await handle.db.transaction((tx) => recordSeededHistory(tx, new Date()));
  await handle.close();
  console.log(seeded ? 'Seeded the demo status page.' : 'The database already has a page; nothing seeded.');
});
