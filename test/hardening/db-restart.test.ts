import { afterAll, expect, it } from 'vitest';
import { startThrowawayCluster, type ThrowawayCluster } from '../throwaway-cluster';
import { createFanoutRig, type FanoutRig } from './fanout-rig';
import { createFreshDatabase, postgresAnswers, startWorker, type ShiraseProcess } from './processes';

// The database goes away in the middle of a fan-out (a private PostgreSQL cluster stopped with
// `pg_ctl -m immediate`, then started again): the workers ride it out and finish the fan-out,
// and only rows whose send result was lost with the database are sent again (LINE: never).

const SIZE = Number(process.env.HARDENING_CRASH_SIZE ?? 500);
// The private cluster is created from the PostgreSQL binaries; the fresh database on it needs nothing else,
// but the suite runs only where the shared server runs too (the same machines have both).
const POSTGRES = await postgresAnswers();
let cluster: ThrowawayCluster | undefined;
let rig: FanoutRig | undefined;
const workers: ShiraseProcess[] = [];

afterAll(async () => {
  await Promise.all(workers.map((w) => w.kill9()));
  await rig?.close().catch(() => {});
  cluster?.destroy();
});

it.skipIf(!POSTGRES)(
  'a database restart during a fan-out: everything arrives once; results sent during the outage are recorded when it is back',
  async () => {
    cluster = await startThrowawayCluster();
    const database = await createFreshDatabase(cluster.url);
    rig = await createFanoutRig({ databaseUrl: database.url, emails: SIZE, lines: SIZE, smtpLatencyMs: 30 });
    const r = rig;
    // LINE batches answer slowly, so one is in flight when the database stops.
    r.line.faults.setRate({ rate: 1, faults: [{ kind: 'slow', ms: 1_500 }] });
    // A lease that outlasts the outage, as production's two minutes do: the claim of a row sent
    // just before the stop must still be held when its result is finally recorded.
    const env = r.workerEnv({ NOTIFY_LEASE_MS: '20000' });
    workers.push(...(await Promise.all([startWorker(env), startWorker(env)])));
    const { messageId } = await r.post();

    const deadline = Date.now() + 30_000;
    while (r.sink.messages.length < SIZE / 5 || r.line.deliveries.length < 1) {
      if (Date.now() > deadline) throw new Error('fan-out did not start');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    cluster.stop();
    const sentDuringOutage = { mail: r.sink.messages.length, line: r.line.deliveries.length };
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    r.line.faults.setRate(undefined);
    cluster.start();

    const statuses = await r.waitUntilSettled(messageId, 120_000);
    const audit = await r.audit(messageId);

    expect(sentDuringOutage.mail).toBeLessThan(SIZE);
    expect(statuses).toEqual({ sent: 2 * SIZE });
    expect(audit).toMatchObject({ emailMissing: [], lineMissing: [], lineDuplicates: [] });
    // Workers reconnect within a second (db/client.ts) and keep trying to record what they sent
    // (lib/notify/lease.ts), so their leases never run out and no one sends those rows again.
    expect(audit.emailDuplicates).toEqual([]);
    expect(audit).toMatchObject({
      rowsWithoutOneResult: 0,
      emailIdsNotReceived: 0,
      receivedNotEvidenced: 0,
      evidencedNotReceived: 0,
      chain: { ok: true },
    });
    // Both workers are still running: they reconnected by themselves.
    expect(workers.every((w) => w.child.exitCode === null)).toBe(true);
  },
);
