import { expect, test } from '@playwright/test';
import { eq } from 'drizzle-orm';
import { notificationMessages } from '../db/schema';
import { createApiKey } from '../lib/services/api-keys/create';
import { systemActor } from '../lib/services/context';
import { createFanoutRig, type FanoutRig } from '../test/hardening/fanout-rig';
import {
  createFreshDatabase,
  NO_POSTGRES,
  postgresAnswers,
  startWebServer,
  type ShiraseProcess,
} from '../test/hardening/processes';

// The web process itself sends (DISPATCHER=in-process, the default) and is killed with SIGKILL in
// the middle of a fan-out: once it is started again, every recipient has the message, LINE
// never twice (the batch is retried under its stored key), mail twice only from the batch the
// process held, and the rows and the evidence ledger agree with what the fakes received.

test.setTimeout(180_000);

let rig: FanoutRig;
let dropDatabase: () => Promise<void>;
const servers: ShiraseProcess[] = [];

test.afterAll(async () => {
  await Promise.all(servers.map((s) => s.kill9()));
  await rig?.close();
  await dropDatabase?.();
});

test('the web process killed while its in-process dispatcher sends: restarted, it finishes without losing or doubling a LINE message', async () => {
  test.skip(!(await postgresAnswers()), NO_POSTGRES);
  const database = await createFreshDatabase();
  dropDatabase = database.drop;
  rig = await createFanoutRig({ databaseUrl: database.url, emails: 500, lines: 500, smtpLatencyMs: 40 });
  const env = rig.workerEnv({ ADMIN_EMAIL: 'admin@example.com', ADMIN_PASSWORD: 'crash-web-admin-password' });
  const web = await startWebServer(env);
  servers.push(web);
  const { key } = await createApiKey({ ctx: { db: rig.db, actor: systemActor('crash-web') }, input: { name: 'crash-web' } });
  rig.line.faults.failNext(1, { kind: 'slow', ms: 4_000 });

  const response = await fetch(`${web.url}/api/v1/pages/${rig.pageId}/incidents`, {
    method: 'POST',
    headers: { authorization: `OAuth ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      incident: { name: 'Web crash', status: 'investigating', body: '調査中', components: { [rig.componentId]: 'major_outage' } },
    }),
  });
  expect(response.status).toBe(201);
  const { id } = (await response.json()) as { id: string };
  const [message] = await rig.db
    .select({ id: notificationMessages.id })
    .from(notificationMessages)
    .where(eq(notificationMessages.incidentId, id));

  await expect
    .poll(() => rig.line.deliveries.length >= 1 && rig.sink.messages.length >= 20, { timeout: 30_000, intervals: [20] })
    .toBe(true);
  await web.kill9();
  const inFlight = await rig.inFlight(message.id);
  expect(inFlight.line.size).toBeGreaterThan(0);

  servers.push(await startWebServer(env));
  const statuses = await rig.waitUntilSettled(message.id, 90_000);
  const audit = await rig.audit(message.id);
  expect(statuses).toEqual({ sent: 1_000 });
  expect(audit).toMatchObject({ emailMissing: [], lineMissing: [], lineDuplicates: [] });
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
