import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { DatabaseHandle } from '../../db/client';
import {
  components,
  devMailbox,
  evidence,
  incidents,
  monitorResults,
  monitors,
  monitorSchedules,
  operatorAlertPreferences,
  users,
} from '../../db/schema';
import { createTestDatabase } from '../../test/db';
import { createComponent, createPage } from '../../test/factories';
import { startDnsTarget, startHttpsTarget, startHttpTarget, startTcpTarget } from '../../test/monitor-targets';
import { startChatworkApi, type FakeChatworkApi } from '../../e2e/fakes';
import { installDatabase } from '../db';
import { resetEnvCache } from '../env';
import { systemActor } from '../services/context';
import { createMonitor, type CreateMonitorInput } from '../services/monitors/create';
import { pingMonitor } from '../services/monitors/ping';
import { Checker } from '../workers/monitor-checker';

let handle: DatabaseHandle;
let db: DatabaseHandle['db'];
let pageId: string;
let chatwork: FakeChatworkApi;
let checker: Checker;
const ctx = () => ({ db, actor: systemActor('test') });

beforeAll(async () => {
  chatwork = await startChatworkApi({ tokens: ['monitor-test-token'] });
  Object.assign(process.env, {
    MONITOR_ALLOW_PRIVATE: 'true',
    CHATWORK_API_TOKEN: 'monitor-test-token',
    CHATWORK_API_BASE_URL: chatwork.url,
  });
  resetEnvCache();
  handle = await createTestDatabase();
  db = handle.db;
  installDatabase(handle);
  pageId = (await createPage(db)).id;
  const [admin] = await db.insert(users).values({ email: 'ops@example.com', role: 'admin', locale: 'en' }).returning();
  await db.insert(operatorAlertPreferences).values({ userId: admin.id, email: true, chatworkRoomId: '424242' });
  checker = new Checker({ db, region: 'tokyo', checkerId: 'tokyo:1', concurrency: 20, allowPrivate: true, pollMs: 50 });
  checker.start();
});
afterAll(async () => {
  await checker.stop();
  for (const key of ['MONITOR_ALLOW_PRIVATE', 'CHATWORK_API_TOKEN', 'CHATWORK_API_BASE_URL']) delete process.env[key];
  resetEnvCache();
  await handle.close();
  await chatwork.close();
});

async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const monitorRow = async (id: string) => (await db.select().from(monitors).where(eq(monitors.id, id)))[0];
const componentStatus = async (id: string) =>
  (await db.select({ status: components.status }).from(components).where(eq(components.id, id)))[0].status;
const resultCount = async (id: string) =>
  (
    await db
      .select({ n: sql<number>`count(*)::int` })
      .from(monitorResults)
      .where(eq(monitorResults.monitorId, id))
  )[0].n;

/** Makes the monitor due now and waits for the checker to record one more result. */
async function checkNow(id: string): Promise<void> {
  const before = await resultCount(id);
  checker.wake();
  await waitFor(
    () => db.select().from(monitorSchedules).where(eq(monitorSchedules.monitorId, id)),
    (rows) => rows.length > 0,
    'schedule row',
  );
  await db.update(monitorSchedules).set({ nextCheckAt: new Date() }).where(eq(monitorSchedules.monitorId, id));
  checker.wake();
  await waitFor(
    () => resultCount(id),
    (n) => n > before,
    'a new result',
  );
}

async function newMonitor(input: Partial<CreateMonitorInput> & Pick<CreateMonitorInput, 'type' | 'target'>) {
  const component = await createComponent(db, pageId, { name: `${input.type} component` });
  const { id } = await createMonitor({
    ctx: ctx(),
    input: {
      name: `${input.type} monitor`,
      componentId: component.id,
      intervalSeconds: 60,
      timeoutMs: 2_000,
      retries: 2,
      ...input,
    },
  });
  return { id, componentId: component.id };
}

/** Down and back up, checking what each transition must leave behind. */
async function driveDownAndUp(
  monitorId: string,
  componentId: string,
  fail: () => Promise<void> | void,
  heal: () => Promise<void> | void,
) {
  await checkNow(monitorId);
  await waitFor(
    () => monitorRow(monitorId),
    (m) => m.state === 'up',
    'pending → up',
  );

  await fail();
  await checkNow(monitorId);
  expect((await monitorRow(monitorId)).state).toBe('up'); // one failure is not an outage (retries = 2)
  expect(await componentStatus(componentId)).toBe('operational');
  await checkNow(monitorId);
  const down = await waitFor(
    () => monitorRow(monitorId),
    (m) => m.state === 'down',
    'confirmed down',
  );
  expect(await componentStatus(componentId)).toBe('major_outage');

  const [firstFailure] = await db
    .select()
    .from(monitorResults)
    .where(and(eq(monitorResults.monitorId, monitorId), eq(monitorResults.ok, false)))
    .orderBy(asc(monitorResults.checkedAt))
    .limit(1);
  const [incident] = await db.select().from(incidents).where(eq(incidents.id, down.incidentId!));
  expect(incident.detectedAt.getTime()).toBe(firstFailure.checkedAt.getTime());
  expect(incident.published).toBe(false);
  const [detection] = await db
    .select()
    .from(evidence)
    .where(and(eq(evidence.kind, 'monitor_detection'), sql`${evidence.content}->>'monitorId' = ${monitorId}`))
    .orderBy(desc(evidence.seq));
  expect(detection.content).toMatchObject({
    event: 'down',
    detection: 'machine',
    incidentId: incident.id,
    detectedAt: firstFailure.checkedAt.toISOString(),
  });
  const name = (await monitorRow(monitorId)).name;
  await waitFor(
    () =>
      db
        .select()
        .from(devMailbox)
        .where(eq(devMailbox.subject, `[Down] ${name}`)),
    (rows) => rows.length === 1,
    'down mail',
  );
  await waitFor(
    async () => chatwork.messagesIn('424242').filter((m) => m.body.includes(`[Down] ${name}`)).length,
    (n) => n === 1,
    'Chatwork alert',
  );

  await heal();
  await checkNow(monitorId);
  await waitFor(
    () => monitorRow(monitorId),
    (m) => m.state === 'up',
    'recovered',
  );
  expect(await componentStatus(componentId)).toBe('operational');
  await waitFor(
    () =>
      db
        .select()
        .from(devMailbox)
        .where(eq(devMailbox.subject, `[Recovered] ${name}`)),
    (rows) => rows.length === 1,
    'recovery mail',
  );
  return incident.id;
}

describe('monitors through up → down → up', () => {
  it('HTTP: incident opened at the first failing check, resolved on recovery', async () => {
    const target = await startHttpTarget();
    const { id, componentId } = await newMonitor({
      type: 'http',
      target: target.url,
      autoResolve: true,
      settings: { jsonPath: '$.status', jsonExpected: 'ok' },
    });
    const incidentId = await driveDownAndUp(
      id,
      componentId,
      () => void (target.state.healthy = false),
      () => void (target.state.healthy = true),
    );
    const [incident] = await db.select().from(incidents).where(eq(incidents.id, incidentId));
    expect(incident.status).toBe('resolved');
    const [failure] = await db
      .select()
      .from(monitorResults)
      .where(and(eq(monitorResults.monitorId, id), eq(monitorResults.ok, false)))
      .limit(1);
    expect(failure).toMatchObject({ statusCode: 503, region: 'tokyo' });
    await target.close();
  });

  it('TCP: recovery restores the component and leaves the incident open to be resolved', async () => {
    const target = await startTcpTarget();
    const { id, componentId } = await newMonitor({ type: 'tcp', target: '127.0.0.1', settings: { port: target.port } });
    const incidentId = await driveDownAndUp(id, componentId, target.close, async () => void (await target.reopen()));
    const [incident] = await db.select().from(incidents).where(eq(incidents.id, incidentId));
    expect(incident.resolvedAt).toBeNull();
    await target.close();
  });

  it('DNS: a wrong or missing answer is a failure', async () => {
    const target = await startDnsTarget('192.0.2.10');
    const { id, componentId } = await newMonitor({
      type: 'dns',
      target: 'api.example.test',
      settings: { recordType: 'A', expectedValue: '192.0.2.10', resolver: target.resolver },
    });
    await driveDownAndUp(
      id,
      componentId,
      () => void (target.state.healthy = false),
      () => void (target.state.healthy = true),
    );
    await target.close();
  });
});

describe('TLS certificates', () => {
  it('a certificate expiring within the warning days alerts operators once, stays up, and is shown on the monitor', async () => {
    const target = await startHttpsTarget(10);
    const { id } = await newMonitor({ type: 'http', target: target.url, settings: { tlsExpiryDays: 30, ignoreTlsErrors: true } });
    await checkNow(id);
    await checkNow(id);
    const row = await waitFor(
      () => monitorRow(id),
      (m) => m.tlsWarnedFor !== null && m.state === 'up',
      'the warning noted',
    );
    expect(row.tlsExpiresAt?.getTime()).toBe(target.validTo.getTime());
    const subject = `[Certificate expiry] ${row.name}`;
    await waitFor(
      () => db.select().from(devMailbox).where(eq(devMailbox.subject, subject)),
      (rows) => rows.length === 1,
      'one expiry mail',
    );
    await waitFor(
      async () => chatwork.messagesIn('424242').filter((m) => m.body.includes(subject)).length,
      (n) => n === 1,
      'Chatwork expiry alert',
    );
    const [result] = await db.select().from(monitorResults).where(eq(monitorResults.monitorId, id)).limit(1);
    expect(result).toMatchObject({ ok: true, warning: expect.stringMatching(/^TLS certificate expires in (9|10) days/) });
    await checkNow(id);
    expect(await db.select().from(devMailbox).where(eq(devMailbox.subject, subject))).toHaveLength(1);
    await target.close();
  });
});

describe('push monitors', () => {
  it('go down when pings stop (detected when the allowance ran out) and up on the next ping', async () => {
    const { id, componentId } = await newMonitor({
      type: 'push',
      target: '',
      intervalSeconds: 30,
      timeoutMs: 1_000,
      retries: 1,
      settings: { graceSeconds: 15 },
    });
    const { pushToken } = await monitorRow(id);
    await pingMonitor({ db, token: pushToken! });
    await checkNow(id);
    await waitFor(
      () => monitorRow(id),
      (m) => m.state === 'up',
      'up after a ping',
    );

    const lastPing = new Date(Date.now() - 50_000);
    await db.update(monitors).set({ lastPushAt: lastPing }).where(eq(monitors.id, id));
    await checkNow(id);
    const down = await waitFor(
      () => monitorRow(id),
      (m) => m.state === 'down',
      'down after silence',
    );
    expect(await componentStatus(componentId)).toBe('major_outage');
    const [incident] = await db.select().from(incidents).where(eq(incidents.id, down.incidentId!));
    expect(incident.detectedAt.getTime()).toBe(lastPing.getTime() + 45_000);

    await pingMonitor({ db, token: pushToken! });
    checker.wake();
    await waitFor(
      () => monitorRow(id),
      (m) => m.state === 'up',
      'up after pings resume',
    );
    await expect(pingMonitor({ db, token: 'x'.repeat(32) })).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('shared schedule', () => {
  it('a checker killed mid-check loses nothing: another takes the row when the lease runs out', async () => {
    const target = await startHttpTarget();
    target.state.hang = true;
    const { id } = await newMonitor({ type: 'http', target: target.url, timeoutMs: 1_500 });
    await waitFor(
      () => db.select().from(monitorSchedules).where(eq(monitorSchedules.monitorId, id)),
      (rows) => rows.length > 0,
      'schedule row',
    );
    await checker.stop(); // only the two checkers below share this region now
    const crashing = new Checker({
      db,
      region: 'tokyo',
      checkerId: 'tokyo:crash',
      concurrency: 5,
      allowPrivate: true,
      pollMs: 50,
      leaseMarginMs: 500,
    });
    await db.update(monitorSchedules).set({ nextCheckAt: new Date() }).where(eq(monitorSchedules.monitorId, id));
    crashing.start();
    await waitFor(
      async () => target.state.requests,
      (n) => n === 1,
      'the first checker to be mid-check',
    );
    const [held] = await db.select().from(monitorSchedules).where(eq(monitorSchedules.monitorId, id));
    expect(held.leasedBy).toBe('tokyo:crash');
    await crashing.kill();

    const survivor = new Checker({ db, region: 'tokyo', checkerId: 'tokyo:2', concurrency: 5, allowPrivate: true, pollMs: 50 });
    survivor.start();
    await waitFor(
      () => resultCount(id),
      (n) => n === 1,
      'the survivor to record the check',
    );
    await survivor.stop();
    const [after] = await db.select().from(monitorSchedules).where(eq(monitorSchedules.monitorId, id));
    expect(after).toMatchObject({ leasedBy: null, consecutiveFailures: 1 });
    expect(after.nextCheckAt.getTime()).toBe(held.nextCheckAt.getTime() + 60_000);
    expect(target.state.requests).toBe(2);
    await target.close();
    checker = new Checker({ db, region: 'tokyo', checkerId: 'tokyo:1', concurrency: 20, allowPrivate: true, pollMs: 50 });
    checker.start();
  });
});

describe('private targets', () => {
  it('are refused at save time unless MONITOR_ALLOW_PRIVATE=true', async () => {
    process.env.MONITOR_ALLOW_PRIVATE = 'false';
    resetEnvCache();
    try {
      const attempts: (Partial<CreateMonitorInput> & { type: CreateMonitorInput['type'] })[] = [
        { type: 'http', target: 'http://127.0.0.1:8080/' },
        { type: 'http', target: 'http://169.254.169.254/latest/meta-data/' },
        { type: 'http', target: 'http://[::ffff:127.0.0.1]/' },
        { type: 'http', target: 'http://localhost/' },
        { type: 'tcp', target: '10.1.2.3', settings: { port: 5432 } },
        { type: 'dns', target: 'example.com', settings: { resolver: '192.168.1.1' } },
      ];
      for (const attempt of attempts) {
        await expect(createMonitor({ ctx: ctx(), input: { name: 'x', target: '', ...attempt } })).rejects.toMatchObject({
          code: 'invalid',
          fieldErrors: { [attempt.type === 'dns' ? 'settings.resolver' : 'target']: ['private_target'] },
        });
      }
      expect(await db.select().from(monitors).where(eq(monitors.name, 'x'))).toHaveLength(0);
    } finally {
      process.env.MONITOR_ALLOW_PRIVATE = 'true';
      resetEnvCache();
    }
  });

  it('are refused at connect time by a checker that does not allow them', async () => {
    const target = await startHttpTarget();
    const { id } = await newMonitor({ type: 'http', target: target.url.replace('127.0.0.1', 'localhost') });
    await checker.stop();
    checker = new Checker({ db, region: 'tokyo', checkerId: 'tokyo:strict', concurrency: 5, allowPrivate: false, pollMs: 50 });
    checker.start();
    await checkNow(id);
    const [result] = await db.select().from(monitorResults).where(eq(monitorResults.monitorId, id));
    expect(result.ok).toBe(false);
    expect(result.error).toMatch(/blocked address/);
    expect(target.state.requests).toBe(0);
    await target.close();
  });
});
