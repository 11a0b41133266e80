// `npm start` (after the build): migrate, seed the demo on first run, then serve.
import { env } from '../lib/env';
import { installDatabase } from '../lib/db';
import { applyMigrations, openConfiguredDatabase, runCli } from '../lib/runtime/open-for-cli';
import { ensurePrimaryPage, seedDemoIfEmpty } from '../db/seed';
import { ensureFirstAdmin, isSetupOpen } from '../lib/services/users/first-admin';
import { issueSetupCode } from '../lib/services/users/setup-code';
import { startHttpServer, type RunningServer } from '../lib/runtime/http-server';
import { recordSeededHistory } from '../lib/evidence/seeded-history';
import { startCoverage } from '../lib/evidence/sla-inputs';
import { isDatabaseUnavailable } from '../lib/live/unavailable';
import { startMaintenanceScheduler } from '../lib/workers/maintenance-scheduler';
import { runChecker } from '../lib/workers/monitor-runner';
import { startDailyHeadPublisher } from '../lib/workers/evidence-heads';
import { publicBaseUrl, publicBaseUrlWarning } from '../lib/notices/links';
import { runDispatcher } from '../lib/notify/runner';
import { notifyChannels } from '../lib/channels/senders';
import { redactQueryParametersInLogs } from '../lib/runtime/log-redaction';

await runCli(async () => {
  const config = env();
  const dev = process.argv.includes('--dev');
  redactQueryParametersInLogs();
  const baseUrlWarning = publicBaseUrlWarning(config, dev);
  if (baseUrlWarning) console.warn(baseUrlWarning);
  const handle = await openConfiguredDatabase();
  installDatabase(handle);
  let setupCode: string | null = null;
  const prepare = async () => {
    await applyMigrations(handle);
    if (config.SEED_DEMO === 'true' && (await seedDemoIfEmpty(handle.db))) {
      await handle.db.transaction((tx) => recordSeededHistory(tx, new Date()));
      console.log('Seeded the demo status page.');
    }
    if (await ensurePrimaryPage(handle.db)) console.log('Created an empty status page (no demo data).');
    // Rows from before SLA inputs were chained get their first snapshot, once.
    await handle.db.transaction((tx) => startCoverage(tx, new Date()));
    if (await ensureFirstAdmin(handle.db)) console.log(`Created the first admin ${config.ADMIN_EMAIL}.`);
    // Printed here only: whoever reads this log is the operator who may create the first admin.
    setupCode = (await isSetupOpen(handle.db)) ? await issueSetupCode(handle.db) : null;
  };
  let server: RunningServer | undefined;
  try {
    await prepare();
  } catch (error) {
    // PostgreSQL away at start-up: serve the last known public page (snapshot) until it is back.
    if (!isDatabaseUnavailable(error)) throw error;
    console.error('Database unreachable: serving the last known public pages; retrying every 5 s.');
    server = await startHttpServer({
      dev,
      port: config.PORT,
      hostname: config.HOSTNAME,
      database: handle,
      trustedProxyHops: config.TRUST_PROXY_HOPS,
    });
    for (let ready = false; !ready;) {
      await new Promise((resolve) => setTimeout(resolve, 5_000));
      ready = await prepare().then(
        () => true,
        (retry: unknown) => (isDatabaseUnavailable(retry) ? false : Promise.reject(retry)),
      );
    }
  }
  console.log(
    handle.driver === 'pglite' ? `Database: embedded PGlite in ${config.PGLITE_DIR}` : 'Database: PostgreSQL (DATABASE_URL)',
  );

  server ??= await startHttpServer({
    dev,
    port: config.PORT,
    hostname: config.HOSTNAME,
    database: handle,
    trustedProxyHops: config.TRUST_PROXY_HOPS,
  });
  console.log(`Shirase is ready on http://localhost:${config.PORT}`);
  if (setupCode) {
    console.log(`No admin yet: open http://localhost:${config.PORT}/admin/setup and enter the one-time setup code ${setupCode}`);
    console.log('(shown only here; each start makes a new one; or set ADMIN_EMAIL and ADMIN_PASSWORD).');
  }
  // Reminders, start/end and overrun alerts; safe beside any number of workers doing the same.
  const maintenanceScheduler = startMaintenanceScheduler(handle.db, { intervalMs: 30_000 });
  // The day's evidence chain head, published once per JST day (/evidence, heads JSON, feeds).
  const headPublisher = startDailyHeadPublisher(handle.db, { intervalMs: 60_000 });
  // Notifications: sent from this process unless DISPATCHER=off (then `npm run worker` sends).
  const channels = notifyChannels(handle.db);
  for (const line of channels.describe()) console.log(line);
  const dispatcher =
    config.DISPATCHER === 'in-process'
      ? await runDispatcher({
          handle,
          channels,
          baseUrl: publicBaseUrl(),
          role: 'web',
          log: (message, error) => console.error(message, error),
        })
      : null;
  if (!dispatcher) console.log('Dispatcher: off in this process (DISPATCHER=off); run `npm run worker` to send notifications.');
  // Monitor checks: here unless CHECKER=off (workers check too; they share the schedule).
  const checker =
    config.CHECKER === 'in-process'
      ? await runChecker({ handle, role: 'web', log: (message, error) => console.error(message, error) })
      : null;
  if (!checker) console.log('Checker: off in this process (CHECKER=off).');

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    // Closing waits on the database; with it unreachable, do not hang the process manager.
    setTimeout(() => process.exit(1), 10_000).unref();
    await maintenanceScheduler.stop();
    await checker?.stop();
    await headPublisher.stop();
    await dispatcher?.stop();
    await channels.close();
    await server.close();
    await handle.close();
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
});
