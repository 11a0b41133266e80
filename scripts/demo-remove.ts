// `npm run demo:remove`: removes what the demo seed made, as the console's "remove demo data"
// does (same service, audited as system:demo-remove). Refuses while a running Shirase holds the
// embedded database; with PostgreSQL it may run beside the servers (their pages update at once).
import { openConfiguredDatabase, runCli } from '../lib/runtime/open-for-cli';
import { isServiceError } from '../lib/errors';
import { systemActor } from '../lib/services/context';
import { DEMO_REMOVAL_PHRASE, removeDemoData } from '../lib/services/demo/remove';

await runCli(async () => {
  const handle = await openConfiguredDatabase({ migrate: true });
  try {
    const removed = await removeDemoData({
      ctx: { db: handle.db, actor: systemActor('demo-remove') },
      input: { confirmation: DEMO_REMOVAL_PHRASE },
    });
    console.log(
      `Removed the demo: ${removed.incidents} incidents, ${removed.maintenances} maintenances, ${removed.components} components, ${removed.groups} groups, ${removed.services} services. The evidence ledger keeps its rows; the removal is recorded in it.`,
    );
  } catch (error) {
    if (!isServiceError(error) || error.messageKey !== 'no_demo_data') throw error;
    console.log('There is no demo data to remove.');
  } finally {
    await handle.close();
  }
});
