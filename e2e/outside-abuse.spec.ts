import http from 'node:http';
import net from 'node:net';
import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { eq, sql } from 'drizzle-orm';
import { auditLog, incidents, subscribers } from '../db/schema';
import {
  chatworkMessageCreated,
  fakeLineUserId,
  followEvent,
  lineWebhookBody,
  postChatworkWebhook,
  signLineBody,
  unfollowEvent,
} from './fakes';
import { createSubscriber } from '../test/factories';
import { serverActions } from '../test/hardening/action-http';
import { CANARIES, startHardeningApp, type HardeningApp } from '../test/hardening/e2e-app';
import { NO_POSTGRES, postgresAnswers } from '../test/hardening/processes';
import { createApiKey } from '../lib/services/api-keys/create';
import { systemActor } from '../lib/services/context';

// Abuse from the outside (issue 15), over real HTTP against the production build on PostgreSQL:
// redirects, feeds, LINE replays, odd requests, body floods, metrics and proxy headers.
// Each test here failed on d09f22c. The database outage has its own spec (outside-outage.spec.ts).

test.setTimeout(180_000);

const METRICS_TOKEN = 'outside-metrics-token-0123456789';
let app: HardeningApp;

test.beforeAll(async () => {
  test.setTimeout(240_000);
  test.skip(!(await postgresAnswers()), NO_POSTGRES);
  app = await startHardeningApp({ sending: false, env: { METRICS_TOKEN } });
});
test.afterAll(async () => {
  await app?.stop();
});

/** One raw HTTP/1.1 exchange (for targets and bytes fetch will not send); the status line's code. */
function rawRequest(head: Buffer | string): Promise<number> {
  const { port } = new URL(app.url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), '127.0.0.1', () => socket.write(head));
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk.toString('latin1')));
    socket.on('close', () => resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0)));
    socket.on('error', reject);
  });
}
const requestHead = (method: string, target: Buffer | string, extra = '') =>
  Buffer.concat([
    Buffer.from(`${method} `),
    Buffer.from(target),
    Buffer.from(` HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n${extra}\r\n`),
  ]);

test('finding 2: back= only ever leads to a path on this site', async () => {
  const cases: [string, string][] = [
    ['/%09/evil.example/x', '/'],
    ['/%5Cevil.example', '/'],
    ['%5C%5Cevil.example', '/'],
    ['//evil.example', '/'],
    ['/%0d%0a/evil.example', '/'],
    ['/.//evil.example', '/'],
    ['https://evil.example/', '/'],
    ['/incidents?lang=en', '/incidents?lang=en'],
    ['/%E3%81%82', '/%E3%81%82'],
  ];
  for (const [back, expected] of cases) {
    const response = await fetch(`${app.url}/locale?to=en&back=${back}`, { redirect: 'manual' });
    expect(response.status, back).toBe(303);
    expect(response.headers.get('location'), back).toBe(expected);
  }
});

test('finding 5: feeds carry incident text as escaped text; characters XML cannot carry are refused at the API and dropped from old rows', async ({
  page,
}) => {
  const { key } = await createApiKey({
    ctx: { db: app.handle.db, actor: systemActor('outside-abuse') },
    input: { name: 'outside-feeds' },
  });
  const post = (name: string) =>
    fetch(`${app.url}/api/v1/pages/${app.fixtures.pageId}/incidents`, {
      method: 'POST',
      headers: { authorization: `OAuth ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ incident: { name, status: 'investigating', body: `${name} body` } }),
    });
  // A row written before the door existed, with the characters in it (the post below rebuilds the feeds).
  const [old] = await app.handle.db.select({ id: incidents.id }).from(incidents).where(eq(incidents.title, 'Fixture incident'));
  await app.handle.db.execute(sql`update incidents set title = ${'old \u0001\u001b\uFFFE title'} where id = ${old.id}`);
  for (const bad of ['\u0001', '\u001b[31m', '\uFFFE']) {
    const refused = await post(`control ${bad}`);
    expect(refused.status, JSON.stringify(bad)).toBe(422);
  }
  const hostile = '<script>alert(1)</script><img src=x onerror=alert(2)>';
  expect((await post(hostile)).status).toBe(201);

  for (const path of ['/feed.atom', '/feed.rss']) {
    let xml = '';
    await expect
      .poll(
        async () => {
          xml = await (await fetch(`${app.url}${path}?lang=ja`)).text();
          return xml.includes('old  title') && xml.includes('&lt;script&gt;');
        },
        { timeout: 30_000 },
      )
      .toBe(true);
    expect(xml).not.toContain('CDATA');
    expect(xml).not.toContain('type="html"');
    expect(xml).not.toMatch(/<script|<img/);
    expect(xml).not.toMatch(/[\u0001\u001b\uFFFE]/);
    // A strict XML parser (Chromium's) reads it, and the title comes back as the literal text.
    const parsed = await page.evaluate((source) => {
      const doc = new DOMParser().parseFromString(source, 'application/xml');
      if (doc.getElementsByTagName('parsererror').length)
        return { error: doc.getElementsByTagName('parsererror')[0].textContent };
      const titles = [...doc.querySelectorAll('entry > title, item > title')];
      return { types: titles.map((t) => t.getAttribute('type')), texts: titles.map((t) => t.textContent) };
    }, xml);
    expect(parsed.error, path).toBeUndefined();
    expect(
      parsed.texts!.some((text) => text!.includes(hostile)),
      path,
    ).toBe(true);
    if (path === '/feed.atom') expect(new Set(parsed.types)).toEqual(new Set(['text']));
  }
});

test('finding 6: a replayed LINE follow (same body, same signature) after an unfollow does not subscribe again', async () => {
  const userId = fakeLineUserId('outside-replay');
  const send = (body: string) =>
    fetch(`${app.url}/api/webhooks/line`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-line-signature': signLineBody(body, CANARIES.LINE_CHANNEL_SECRET) },
      body,
    });
  const follow = lineWebhookBody([{ ...followEvent(userId), timestamp: Date.now() - 5_000 }]);
  const state = async () => (await app.handle.db.select().from(subscribers).where(eq(subscribers.address, userId)))[0];
  expect((await send(follow)).status).toBe(200);
  expect((await state()).unsubscribedAt).toBeNull();
  expect((await send(lineWebhookBody([unfollowEvent(userId)]))).status).toBe(200);
  expect((await state()).unsubscribedAt).not.toBeNull();
  expect((await send(follow)).status).toBe(200);
  expect((await state()).unsubscribedAt, 'the replay re-subscribed the user').not.toBeNull();
});

test('finding 8: odd requests get a 4xx, never a 500, and no SQL parameters reach the log', async () => {
  const logStart = app.server.logs().length;
  expect(await rawRequest(requestHead('TRACE', '/'))).toBe(405);
  expect(await rawRequest(requestHead('OPTIONS', '*'))).toBe(400);
  expect(
    await rawRequest(requestHead('GET', Buffer.concat([Buffer.from('/locale?to=en&back=/'), Buffer.from([0xe3, 0x81, 0x82])]))),
  ).toBeLessThan(500);
  expect(
    await rawRequest(requestHead('GET', Buffer.concat([Buffer.from('/locale?back=/'), Buffer.from([0xff, 0xfe])]))),
  ).toBeLessThan(500);
  for (const component of ['-'.repeat(36), 'a'.repeat(36), `${'0'.repeat(35)}'`]) {
    const response = await fetch(`${app.url}/api/maintenance.ics?component=${encodeURIComponent(component)}`);
    expect(response.status, component).toBe(404);
  }
  const crlf = await fetch(`${app.url}/locale?to=en&back=/%0d%0aSet-Cookie:%20x=1`, { redirect: 'manual' });
  expect(crlf.status).toBe(303);
  expect(crlf.headers.get('location')).toBe('/');
  expect(crlf.headers.get('set-cookie') ?? '').not.toContain('x=1');
  const search = await fetch(`${app.url}/admin/subscribers?q=${'x'.repeat(5000)}`, { headers: { cookie: app.cookies.admin } });
  expect(search.status).toBe(200);
  const nul = await fetch(`${app.url}/admin/subscribers?q=a%00b`, { headers: { cookie: app.cookies.admin } });
  expect(nul.status).toBe(200);

  // Server actions posted as plain multipart forms (no Next-Action header), as a form without JavaScript would.
  const statuses = new Map<string, number>();
  for (const action of serverActions()) {
    for (const origin of [app.url, 'https://evil.example']) {
      const form = new FormData();
      form.append(`$ACTION_ID_${action.id}`, '');
      form.append('email', 'someone@example.test');
      const response = await fetch(`${app.url}${action.pagePath}`, {
        method: 'POST',
        body: form,
        headers: { origin },
        redirect: 'manual',
      });
      await response.arrayBuffer();
      statuses.set(`${action.filename}#${action.exportedName} from ${origin}`, response.status);
    }
  }
  const serverErrors = [...statuses].filter(([, status]) => status >= 500);
  expect(serverErrors).toEqual([]);
  const foreign = [...statuses].filter(([label]) => label.endsWith('evil.example'));
  expect(
    foreign.every(([, status]) => status === 403),
    JSON.stringify(foreign.filter(([, s]) => s !== 403)),
  ).toBe(true);

  const log = app.server.logs().slice(logStart);
  expect(log).not.toMatch(/params: (?!\[redacted\])/);
  expect(log).not.toContain('Failed query');
  expect(log).not.toMatch(/TypeError|uncaught/i);
});

/** The server's resident memory, from /proc. */
function rssMegabytes(pid: number): number {
  const kb = Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
  return Math.round(kb / 1024);
}

/** POSTs `bytes` of body with a wrong LINE signature; the status, or 0 when the server closed first. */
function floodOnce(bytes: number, declareLength: boolean): Promise<number> {
  const { port } = new URL(app.url);
  const chunk = Buffer.alloc(64 * 1024, 0x61);
  return new Promise((resolve) => {
    const request = http.request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/api/webhooks/line',
        headers: {
          'content-type': 'application/json',
          'x-line-signature': 'bm90IGEgc2lnbmF0dXJl',
          ...(declareLength ? { 'content-length': String(bytes) } : {}),
        },
      },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
      },
    );
    request.on('error', () => resolve(0));
    let sent = 0;
    const pump = () => {
      while (sent < bytes) {
        const part = chunk.subarray(0, Math.min(chunk.length, bytes - sent));
        sent += part.length;
        if (!request.write(part)) return void request.once('drain', pump);
      }
      request.end();
    };
    pump();
  });
}

test('finding 9: 100 concurrent 10 MB bad-signature POSTs are refused unread, and memory returns to its baseline', async () => {
  const pid = app.server.pid;
  // Warm the route once, so the figure compares a running server with itself.
  await floodOnce(1024, true);
  const before = rssMegabytes(pid);
  const oversized = await Promise.all(Array.from({ length: 100 }, () => floodOnce(10 * 1024 * 1024, true)));
  // Refused from the headers (413), or the connection closed while the client was still sending.
  expect(
    oversized.every((status) => status === 413 || status === 0),
    JSON.stringify(oversized),
  ).toBe(true);
  expect(oversized.filter((status) => status === 413).length).toBeGreaterThan(0);
  const chunked = await Promise.all(Array.from({ length: 20 }, () => floodOnce(1024 * 1024, false)));
  expect(
    chunked.every((status) => status === 411 || status === 0),
    JSON.stringify(chunked),
  ).toBe(true);
  // Under the cap the body must be read to check the signature: 401, and no more than the cap each.
  const capped = await Promise.all(Array.from({ length: 100 }, () => floodOnce(200 * 1024, true)));
  expect(
    capped.every((status) => status === 401),
    JSON.stringify(capped),
  ).toBe(true);
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  const after = rssMegabytes(pid);
  console.log(`server RSS before the flood ${before} MB, after ${after} MB`);
  // 100 × 10 MB buffered would be a gigabyte; what remains is allocator noise.
  expect(after - before).toBeLessThan(150);
  // The server still answers, and a genuine LINE event still works.
  const body = lineWebhookBody([followEvent(fakeLineUserId('after-flood'))]);
  const genuine = await fetch(`${app.url}/api/webhooks/line`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-line-signature': signLineBody(body, CANARIES.LINE_CHANNEL_SECRET) },
    body,
  });
  expect(genuine.status).toBe(200);
});

/** Sends only the request head (declaring `bytes` of body) and waits for the answer: proof that it came before any body. */
function answerBeforeBody(path: string, headers: Record<string, string>, bytes: number): Promise<number> {
  const { port } = new URL(app.url);
  return new Promise((resolve) => {
    const request = http.request({
      host: '127.0.0.1',
      port,
      method: 'POST',
      path,
      headers: { 'content-type': 'application/json', 'content-length': String(bytes), ...headers },
    });
    const timer = setTimeout(() => {
      request.destroy();
      resolve(0);
    }, 15_000);
    request.on('response', (response) => {
      clearTimeout(timer);
      resolve(response.statusCode ?? 0);
      request.destroy();
    });
    request.on('error', () => undefined);
    request.flushHeaders();
  });
}

test('finding 9: tokens and signature headers are checked, and sizes capped, before a body is read', async () => {
  const alertmanager = '/api/webhooks/alertmanager';
  expect(await answerBeforeBody(alertmanager, {}, 5 * 1024 * 1024)).toBe(401);
  expect(await answerBeforeBody(alertmanager, { authorization: 'Bearer wrong-token-0123456789' }, 5 * 1024 * 1024)).toBe(401);
  expect(await answerBeforeBody(alertmanager, { authorization: `Bearer ${CANARIES.ALERTMANAGER_TOKEN}` }, 5 * 1024 * 1024)).toBe(
    413,
  );
  expect(await answerBeforeBody('/api/webhooks/line', {}, 1024)).toBe(401);
  expect(await answerBeforeBody('/api/webhooks/line', { 'x-line-signature': 'bm90IGEgc2lnbmF0dXJl' }, 10 * 1024 * 1024)).toBe(
    413,
  );
  expect(await answerBeforeBody('/api/webhooks/chatwork', {}, 1024)).toBe(401);
  expect(await answerBeforeBody('/api/webhooks/chatwork', { 'x-chatworkwebhooksignature': 'eA==' }, 1024 * 1024)).toBe(413);
  expect(await answerBeforeBody(`/api/v1/pages/${app.fixtures.pageId}/incidents`, {}, 10 * 1024 * 1024)).toBe(413);
  expect(
    await answerBeforeBody(
      '/subscribe',
      { origin: app.url, 'content-type': 'multipart/form-data; boundary=x' },
      10 * 1024 * 1024,
    ),
  ).toBe(413);
  // Under the limits, an honest request still goes through.
  const small = await fetch(`${app.url}${alertmanager}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${CANARIES.ALERTMANAGER_TOKEN}`, 'content-type': 'application/json' },
    body: '{}',
  });
  expect(small.status).toBe(422);
});

test('finding 10: /api/metrics needs METRICS_TOKEN', async () => {
  for (const authorization of [undefined, 'Bearer wrong-token-0123456789', `Basic ${METRICS_TOKEN}`]) {
    const response = await fetch(`${app.url}/api/metrics`, { headers: authorization ? { authorization } : {} });
    expect(response.status, String(authorization)).toBe(401);
    expect(await response.text()).not.toContain('shirase_component_status');
  }
  const allowed = await fetch(`${app.url}/api/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
  expect(allowed.status).toBe(200);
  expect(await allowed.text()).toContain('shirase_component_status');
});

test('finding 11: client-sent X-Forwarded-* and Host do not decide the links of the cached iCal feed', async () => {
  const ics = await new Promise<string>((resolve, reject) =>
    http
      .get(
        `${app.url}/api/maintenance.ics`,
        { headers: { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'evil.example', host: 'evil.example' } },
        (response) => {
          let text = '';
          response.on('data', (chunk) => (text += chunk));
          response.on('end', () => resolve(text));
        },
      )
      .on('error', reject),
  );
  const unfolded = ics.replace(/\r?\n[ \t]/g, '');
  expect(unfolded).toContain(`${app.url}/maintenance/`);
  expect(unfolded).not.toContain('evil.example');
  expect(unfolded).not.toContain('https://');
  expect(unfolded).not.toContain('0.0.0.0');
  // A server action's Origin is compared with Host, not with a forged X-Forwarded-Host.
  const [action] = serverActions();
  const forged = await fetch(`${app.url}${action.pagePath}`, {
    method: 'POST',
    headers: {
      origin: 'https://evil.example',
      'x-forwarded-host': 'evil.example',
      'next-action': action.id,
      'content-type': 'text/plain',
    },
    body: '[]',
  });
  expect(forged.status).toBe(403);
});

test('finding 12: the Chatwork webhook stops a room the service account was removed from; its signature is checked', async () => {
  const url = `${app.url}/api/webhooks/chatwork`;
  const token = CANARIES.CHATWORK_WEBHOOK_TOKEN;
  const room = await createSubscriber(app.handle.db, app.fixtures.pageId, { channel: 'chatwork', address: '4242001' });
  const other = await createSubscriber(app.handle.db, app.fixtures.pageId, { channel: 'chatwork', address: '4242002' });
  const state = async (id: string) =>
    (await app.handle.db.select().from(subscribers).where(eq(subscribers.id, id)))[0].unsubscribedAt;
  const removed = (roomId: number) =>
    chatworkMessageCreated(
      roomId,
      1,
      '[info][title][dtext:chatroom_chat_edited][/title][dtext:chatroom_member_is][piconname:1][dtext:chatroom_deleted][/info]',
    );

  // Wrong or missing signature: 401, nothing changes (even while the account really is gone).
  app.chatwork.setRoomAccess('4242001', 'forbidden');
  expect((await postChatworkWebhook(url, token, removed(4242001), 'bm90IGEgc2lnbmF0dXJl')).status).toBe(401);
  expect((await postChatworkWebhook(url, 'b3RoZXItdG9rZW4=', removed(4242001))).status).toBe(401);
  expect(await state(room.id)).toBeNull();
  // Someone else left a room the account is still in: the API says so, the subscriber stays.
  expect((await postChatworkWebhook(url, token, removed(4242002))).status).toBe(200);
  expect(await state(other.id)).toBeNull();
  // Ordinary chat in a room: ignored.
  expect((await postChatworkWebhook(url, token, chatworkMessageCreated(4242001, 7, 'hello'))).status).toBe(200);
  expect(await state(room.id)).toBeNull();
  // The account was removed from the room: that subscriber stops, and an audit row says why.
  expect((await postChatworkWebhook(url, token, removed(4242001))).status).toBe(200);
  expect(await state(room.id)).not.toBeNull();
  expect(await app.handle.db.select().from(auditLog).where(eq(auditLog.action, 'subscriber.chatwork_removed'))).toHaveLength(1);
  app.chatwork.setRoomAccess('4242001', undefined);
});
