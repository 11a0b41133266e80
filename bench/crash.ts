// `npx tsx bench/crash.ts [--emails 20000] [--lines 20000] [--lease-ms 15000] [--only crash,faults,db-restart]`
// Nothing lost at full size, with two real `npm run worker` processes on PostgreSQL (fresh
// databases on 127.0.0.1:5432; a private throwaway cluster for the database restart):
//   baseline    the fan-out undisturbed
//   crash       SIGKILL of the worker holding the first LINE batch mid-send, restarted 1 s later
//   faults      30 % of provider calls fail (5xx, 429 + Retry-After, dropped connections, lost answers)
//   db-restart  the database stopped (pg_ctl -m immediate) for 3 s in the middle of the fan-out
// Prints, per scenario: time until every delivery was final, throughput, duplicates by
// channel against what was in flight, LINE 409s (retries under the same key), dead letters,
// and whether rows and the evidence ledger agree with what the fakes received. Not a test.
import { parseArgs } from 'node:util';
import { startThrowawayCluster } from '../test/throwaway-cluster';
import { createFanoutRig, type FanoutRig } from '../test/hardening/fanout-rig';
import { pidsConnectedTo } from '../test/hardening/proc-sockets';
import { createFreshDatabase, startWorker, type ShiraseProcess } from '../test/hardening/processes';

const { values: args } = parseArgs({
  options: {
    emails: { type: 'string', default: '20000' },
    lines: { type: 'string', default: '20000' },
    'lease-ms': { type: 'string', default: '15000' },
    only: { type: 'string', default: 'baseline,crash,faults,db-restart' },
  },
});
const EMAILS = Number(args.emails);
const LINES = Number(args.lines);
const LEASE = args['lease-ms'];
const scenarios = new Set(args.only.split(','));
const rows: Record<string, string | number>[] = [];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
async function until(check: () => boolean, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await sleep(20);
  }
}

async function scenario(
  name: string,
  run: (
    rig: FanoutRig,
    workers: ShiraseProcess[],
    messageId: string,
  ) => Promise<{ inFlight?: { email: number; line: number }; note?: string }>,
  options: { serverUrl?: string; faults?: boolean } = {},
) {
  if (!scenarios.has(name)) return;
  const database = await createFreshDatabase(options.serverUrl);
  const rig = await createFanoutRig({ databaseUrl: database.url, emails: EMAILS, lines: LINES, seed: 11 });
  const workers: ShiraseProcess[] = [];
  try {
    if (options.faults) {
      rig.sink.faults.rcpt.setRate({
        rate: 0.3,
        faults: [{ kind: 'reply', code: 451 }, { kind: 'reply', code: 421 }, { kind: 'drop' }],
      });
      rig.line.faults.setRate({
        rate: 0.3,
        faults: [
          { kind: 'status', status: 500 },
          { kind: 'status', status: 429, retryAfterSec: 1 },
          { kind: 'accept-then-drop' },
          { kind: 'slow', ms: 1_000 },
        ],
      });
    }
    workers.push(
      ...(await Promise.all([
        startWorker(rig.workerEnv({ NOTIFY_LEASE_MS: LEASE })),
        startWorker(rig.workerEnv({ NOTIFY_LEASE_MS: LEASE })),
      ])),
    );
    const started = performance.now();
    const { messageId } = await rig.post();
    const posted = performance.now();
    const extra = await run(rig, workers, messageId);
    await rig.waitUntilSettled(messageId, 900_000);
    const seconds = (performance.now() - started) / 1000;
    const audit = await rig.audit(messageId);
    rows.push({
      scenario: name,
      'post + fan-out ms': Math.round(posted - started),
      'all final s': seconds.toFixed(1),
      'deliveries/s': Math.round((EMAILS + LINES) / seconds),
      sent: audit.statuses.sent ?? 0,
      dead: audit.statuses.dead ?? 0,
      'missing (mail/LINE)': `${audit.emailMissing.length}/${audit.lineMissing.length}`,
      'duplicates (mail/LINE)': `${audit.emailDuplicates.length}/${audit.lineDuplicates.length}`,
      'in flight at event (mail/LINE)': extra.inFlight ? `${extra.inFlight.email}/${extra.inFlight.line}` : '-',
      'LINE 409s': audit.lineConflicts,
      'ledger agrees':
        audit.rowsWithoutOneResult + audit.emailIdsNotReceived + audit.receivedNotEvidenced + audit.evidencedNotReceived === 0 &&
        audit.chain.ok
          ? 'yes'
          : 'NO',
      note: extra.note ?? '',
    });
    console.log(rows[rows.length - 1]);
  } finally {
    await Promise.all(workers.map((w) => w.kill9()));
    await rig.close();
    await database.drop();
  }
}

await scenario('baseline', async () => ({}));

await scenario('crash', async (rig, workers, messageId) => {
  // The first LINE batches (every lane of both workers) are delivered at once but answered late,
  // within LINE's 10 s client timeout: whichever worker dies, it dies holding batches LINE accepted.
  rig.line.faults.failNext(16, { kind: 'slow', ms: 8_000 });
  await until(() => rig.line.deliveries.length >= 1 && rig.sink.messages.length >= EMAILS * 0.05);
  const [holder] = pidsConnectedTo(
    rig.line.port,
    workers.map((w) => w.pid),
  );
  const victim = workers.find((w) => w.pid === holder) ?? workers[0];
  await victim.kill9();
  const inFlight = await rig.inFlight(messageId);
  await sleep(1_000);
  workers.push(await startWorker(rig.workerEnv({ NOTIFY_LEASE_MS: LEASE })));
  return {
    inFlight: { email: inFlight.email.size, line: inFlight.line.size },
    note: `killed at ${rig.sink.messages.length} mails; lease ${LEASE} ms`,
  };
});

await scenario('faults', async () => ({ note: '30 % of SMTP RCPT and LINE calls fail' }), { faults: true });

if (scenarios.has('db-restart')) {
  const cluster = await startThrowawayCluster();
  try {
    await scenario(
      'db-restart',
      async (rig, _workers, messageId) => {
        await until(() => rig.sink.messages.length >= EMAILS * 0.3);
        const inFlight = await rig.inFlight(messageId);
        cluster.stop();
        await sleep(3_000);
        cluster.start();
        return { inFlight: { email: inFlight.email.size, line: inFlight.line.size }, note: 'database down 3 s' };
      },
      { serverUrl: cluster.url },
    );
  } finally {
    cluster.destroy();
  }
}

console.log(`\nbench/crash.ts: ${EMAILS} email + ${LINES} LINE subscribers, 2 workers, NOTIFY_LEASE_MS=${LEASE}`);
console.table(rows);
process.exit(0);
