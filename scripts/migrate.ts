// `npm run migrate`: applies migrations (refuses while the server holds the embedded database).
import { openConfiguredDatabase, runCli } from '../lib/runtime/open-for-cli';

await runCli(async () => {
  const handle = await openConfiguredDatabase({ migrate: true });
  await handle.close();
  console.log('Migrations applied.');
});
