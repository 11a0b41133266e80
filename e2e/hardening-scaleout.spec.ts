import { expect, test } from '@playwright/test';
import { eq } from 'drizzle-orm';
import { notificationMessages } from '../db/schema';
import { createApiKey } from '../lib/services/api-keys/create';
import { systemActor } from '../lib/services/context';
import { createFanoutRig, type FanoutRig } from '../test/hardening/fanout-rig';
import { pidsConnectedTo } from '../test/hardening/proc-sockets';
import {
  createFreshDatabase,
  NO_POSTGRES,
  postgresAnswers,
  startWebServer,
  startWorker,
  type ShiraseProcess,
} from '../test/hardening/processes';
import { openSse, type SseClient } from '../test/hardening/sse-client';

// Scale-out on one PostgreSQL, as README's "Running more than one instance" sets it up: two web
// instances (DISPATCHER=off) and two `npm run worker` processes. An incident posted through
// instance A reaches an SSE client on instance B and B's page; the fan-out is shared by both
// workers with nothing sent twice, and stopping one worker mid-run leaves the other to finish.

test.describe.configure({ mode: 'serial' });
test.setTimeout(240_000);

const EMAILS = 2_000;
const LINES = 1_000;
let rig: FanoutRig;
let dropDatabase: () => Promise<void>;
const processes: ShiraseProcess[] = [];
let a: ShiraseProcess & { url: string };
let b: ShiraseProcess & { url: string };
let sse: SseClient;

test.beforeAll(async () => {
  test.setTimeout(240_000);
  test.skip(!(await postgresAnswers()), NO_POSTGRES);
  const database = await createFreshDatabase();
  dropDatabase = database.drop;
  rig = await createFanoutRig({ databaseUrl: database.url, emails: EMAILS, lines: LINES, smtpLatencyMs: 5 });
  const webEnv = rig.workerEnv({
    DISPATCHER: 'off',
    ADMIN_EMAIL: 'admin@example.com',
    ADMIN_PASSWORD: 'scale-out-admin-password',
  });
  // One after the other: each migrates on start, and the second finds nothing to do.
  a = await startWebServer(webEnv);
  b = await startWebServer(webEnv);
  // The production lease (no worker dies here): a claim is never taken over while its sender works.
  const workerEnv = rig.workerEnv({ NOTIFY_LEASE_MS: '120000' });
  processes.push(a, b, ...(await Promise.all([startWorker(workerEnv), startWorker(workerEnv)])));
  await expect.poll(async () => (await fetch(`${b.url}/`)).headers.get('etag'), { timeout: 60_000 }).toBeTruthy();
  sse = await openSse(`${b.url}/api/stream?types=incident`);
});
test.afterAll(async () => {
  sse?.close();
  await Promise.all(processes.map((p) => p.stop()));
  await rig?.close();
  await dropDatabase?.();
});

test('an incident posted through instance A reaches an SSE client on B and B’s pre-rendered page; both workers share the fan-out, nothing twice', async () => {
  const [w1, w2] = processes.slice(2);
  const { key } = await createApiKey({ ctx: { db: rig.db, actor: systemActor('scale-out') }, input: { name: 'scale-out' } });
  const title = `スケールアウト確認 ${Date.now()}`;
  const posted = performance.now();
  const response = await fetch(`${a.url}/api/v1/pages/${rig.pageId}/incidents`, {
    method: 'POST',
    headers: { authorization: `OAuth ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      incident: { name: title, status: 'investigating', body: '調査中です。', components: { [rig.componentId]: 'major_outage' } },
    }),
  });
  expect(response.status).toBe(201);
  const answered = performance.now();
  const { id } = (await response.json()) as { id: string };

  const onStream = await sse.next('incident', posted, 15_000);
  let onPage = 0;
  await expect
    .poll(
      async () => {
        const html = await (await fetch(`${b.url}/`)).text();
        onPage = performance.now();
        return html.includes(title);
      },
      { timeout: 15_000, intervals: [50] },
    )
    .toBe(true);
  const figures = `post ${Math.round(answered - posted)} ms; SSE on B after ${Math.round(onStream - posted)} ms; B's page after ${Math.round(onPage - posted)} ms`;
  test.info().annotations.push({ type: 'figures', description: figures });
  console.log(`scale-out: ${figures}`);

  // Both workers open connections to the SMTP sink while the fan-out runs; then one is stopped.
  const [message] = await rig.db
    .select({ id: notificationMessages.id })
    .from(notificationMessages)
    .where(eq(notificationMessages.incidentId, id));
  const senders = new Set<number>();
  const deadline = Date.now() + 60_000;
  while (senders.size < 2 && Date.now() < deadline) {
    for (const pid of pidsConnectedTo(rig.sink.port, [w1.pid, w2.pid])) senders.add(pid);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  expect(senders.size, 'both workers sent mail').toBe(2);
  await w1.stop();

  const statuses = await rig.waitUntilSettled(message.id, 120_000);
  const audit = await rig.audit(message.id);
  expect(statuses).toEqual({ sent: EMAILS + LINES });
  expect(audit).toMatchObject({ emailMissing: [], emailDuplicates: [], lineMissing: [], lineDuplicates: [] });
  expect(audit).toMatchObject({
    rowsWithoutOneResult: 0,
    emailIdsNotReceived: 0,
    receivedNotEvidenced: 0,
    evidencedNotReceived: 0,
    chain: { ok: true },
  });
  expect(w2.child.exitCode).toBeNull();
});
