// `npm run worker`: a dispatcher, a monitor checker and the maintenance scheduler without a web server, for
// scaling out on PostgreSQL. Any number may run beside the web processes: claims are leased
// rows taken with FOR UPDATE SKIP LOCKED, so no delivery is sent by two of them.
import { env } from '../lib/env';
import { startMaintenanceScheduler } from '../lib/workers/maintenance-scheduler';
import { runChecker } from '../lib/workers/monitor-runner';
import { startDailyHeadPublisher } from '../lib/workers/evidence-heads';
import { publicBaseUrl } from '../lib/notices/links';
import { runDispatcher } from '../lib/notify/runner';
import { notifyChannels } from '../lib/channels/senders';
import { redactQueryParametersInLogs } from '../lib/runtime/log-redaction';
import { openConfiguredDatabase, runCli } from '../lib/runtime/open-for-cli';

await runCli(async () => {
  redactQueryParametersInLogs();
  const config = env();
  if (!config.DATABASE_URL) {
    // PGlite cannot be shared between processes: the web process sends (DISPATCHER=in-process).
    console.error(
      'npm run worker needs DATABASE_URL (a PostgreSQL server). With the embedded database, deliveries are sent by the web process itself (DISPATCHER=in-process).',
    );
    process.exit(1);
  }
  const handle = await openConfiguredDatabase();
  const channels = notifyChannels(handle.db);
  for (const line of channels.describe()) console.log(line);
  const running = await runDispatcher({
    handle,
    channels,
    baseUrl: publicBaseUrl(),
    role: 'worker',
    log: (message, error) => console.error(message, error),
  });
  const maintenanceScheduler = startMaintenanceScheduler(handle.db, { intervalMs: 30_000 });
  const checker = await runChecker({ handle, role: 'worker', log: (message, error) => console.error(message, error) });
  const headPublisher = startDailyHeadPublisher(handle.db, { intervalMs: 60_000 });
  console.log(`Worker ${running.workerId} is dispatching and checking monitors (region ${config.CHECKER_REGION}).`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await maintenanceScheduler.stop();
    await checker.stop();
    await headPublisher.stop();
    await running.stop();
    await channels.close();
    await handle.close();
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
});
