import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createFanoutRig, type FanoutRig } from './fanout-rig';
import { pidsConnectedTo } from './proc-sockets';
import { createFreshDatabase, postgresAnswers, startWorker, type ShiraseProcess } from './processes';

// Nothing lost, on a real PostgreSQL (a fresh database on the shared server at 127.0.0.1:5432)
// with real `npm run worker` processes: a worker killed with SIGKILL in the middle of a send,
// and providers failing 30 % of calls. Small sizes here; bench/crash.ts runs 20,000 of each.

const SIZE = Number(process.env.HARDENING_CRASH_SIZE ?? 500);
const POSTGRES = await postgresAnswers();
let rig: FanoutRig | undefined;
let dropDatabase: (() => Promise<void>) | undefined;
const workers: ShiraseProcess[] = [];

afterEach(async () => {
  await Promise.all(workers.splice(0).map((w) => w.kill9()));
  await rig?.close();
  await dropDatabase?.();
  rig = undefined;
});
afterAll(async () => {
  await Promise.all(workers.map((w) => w.kill9()));
});

async function until(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function freshRig(options: { chatworkRooms?: number; smtpLatencyMs?: number; seed?: number }) {
  const database = await createFreshDatabase();
  dropDatabase = database.drop;
  rig = await createFanoutRig({ databaseUrl: database.url, emails: SIZE, lines: SIZE, ...options });
  return rig;
}

async function worker(r: FanoutRig, env: Record<string, string> = {}) {
  const started = await startWorker(r.workerEnv(env));
  workers.push(started);
  return started;
}

describe.skipIf(!POSTGRES)('crash: a worker killed with SIGKILL mid-send', () => {
  it('every recipient gets the message; email duplicates only from the killed batch, LINE none; rows and ledger agree with the fakes', async () => {
    const r = await freshRig({ smtpLatencyMs: 40 });
    // The first multicast is delivered at once but answered only after 4 s: its sender dies before it can record it.
    r.line.faults.failNext(1, { kind: 'slow', ms: 4_000 });
    const [a, b] = await Promise.all([worker(r), worker(r)]);
    const { messageId, queued } = await r.post();
    expect(queued).toBe(2 * SIZE);

    await until(
      () => r.line.deliveries.length >= 1 && r.sink.messages.length >= 20,
      30_000,
      'the LINE batch and some mail to be under way',
    );
    const [holder] = pidsConnectedTo(r.line.port, [a.pid, b.pid]);
    const victim = holder === b.pid ? b : a;
    await victim.kill9();
    const inFlight = await r.inFlight(messageId);
    expect(inFlight.line.size).toBeGreaterThan(0);

    await worker(r); // restarted
    const statuses = await r.waitUntilSettled(messageId, 90_000);
    const audit = await r.audit(messageId);

    expect(statuses).toEqual({ sent: 2 * SIZE });
    expect(audit.emailMissing).toEqual([]);
    expect(audit.lineMissing).toEqual([]);
    expect(audit.lineDuplicates).toEqual([]);
    // The retried batch went out under the key it was first sent with, and LINE answered 409.
    expect(audit.lineConflicts).toBeGreaterThanOrEqual(1);
    expect(audit.emailDuplicates.filter((address) => !inFlight.email.has(address))).toEqual([]);
    expect(audit).toMatchObject({
      rowsWithoutOneResult: 0,
      emailIdsNotReceived: 0,
      receivedNotEvidenced: 0,
      evidencedNotReceived: 0,
      chain: { ok: true },
    });
  });
});

describe.skipIf(!POSTGRES)('provider faults: 30 % of calls fail', () => {
  it('with two workers, everything arrives once, within the providers’ limits, and nothing is dead', async () => {
    const r = await freshRig({ chatworkRooms: 20, seed: 7 });
    r.sink.faults.rcpt.setRate({
      rate: 0.3,
      faults: [{ kind: 'reply', code: 451 }, { kind: 'reply', code: 421 }, { kind: 'drop' }],
    });
    r.line.faults.setRate({
      rate: 0.3,
      faults: [
        { kind: 'status', status: 500 },
        { kind: 'status', status: 503 },
        { kind: 'status', status: 429, retryAfterSec: 1 },
        { kind: 'accept-then-drop' },
        { kind: 'slow', ms: 1_000 },
      ],
    });
    r.chatwork.faults.setRate({
      rate: 0.3,
      faults: [{ kind: 'status', status: 500 }, { kind: 'status', status: 429, retryAfterSec: 1 }, { kind: 'drop' }],
    });
    // A lease longer than the slowest claim under faults (retries and reconnects), as in production (2 min).
    const env = { NOTIFY_LEASE_MS: '30000' };
    await Promise.all([worker(r, env), worker(r, env)]);
    const { messageId } = await r.post();
    const statuses = await r.waitUntilSettled(messageId, 120_000);
    const audit = await r.audit(messageId);

    expect(statuses).toEqual({ sent: 2 * SIZE + 20 });
    expect(audit).toMatchObject({
      emailMissing: [],
      emailDuplicates: [],
      lineMissing: [],
      lineDuplicates: [],
      roomsMissing: [],
      roomDuplicates: [],
    });
    expect(audit).toMatchObject({
      rowsWithoutOneResult: 0,
      emailIdsNotReceived: 0,
      receivedNotEvidenced: 0,
      evidencedNotReceived: 0,
      chain: { ok: true },
    });
    expect(r.line.stats().faultsInjected + r.chatwork.stats().faultsInjected + r.sink.stats().faultsInjected).toBeGreaterThan(10);
    // Chatwork's own limits (token and room windows) were never hit: only injected 429s happened.
    expect(r.chatwork.stats().rateLimited).toBe(0);
  });
});
