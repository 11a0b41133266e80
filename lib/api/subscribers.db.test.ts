import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { DatabaseHandle } from '../../db/client';
import { deliveries, notificationMessages } from '../../db/schema';
import { createTestDatabase } from '../../test/db';
import { createComponent, createPage } from '../../test/factories';
import { installDatabase } from '../db';
import { resetEnvCache } from '../env';
import { systemActor } from '../services/context';
import { createApiKey } from '../services/api-keys/create';
import { GET as listSubscribers, POST as postSubscriber } from '../../app/api/v1/pages/[pageId]/subscribers/route';
import {
  DELETE as deleteSubscriber,
  GET as getSubscriber,
} from '../../app/api/v1/pages/[pageId]/subscribers/[subscriberId]/route';
import { POST as rotateSecret } from '../../app/api/v1/pages/[pageId]/subscribers/[subscriberId]/signing_secret/route';

// The subscribers API over real route handlers and a real database, as Statuspage's clients call it.

let handle: DatabaseHandle;
let pageId: string;
let componentId: string;
let adminKey: string;
let operatorKey: string;

beforeAll(async () => {
  process.env.WEBHOOK_ALLOW_PRIVATE = 'false';
  resetEnvCache();
  handle = await createTestDatabase();
  installDatabase(handle);
  pageId = (await createPage(handle.db)).id;
  componentId = (await createComponent(handle.db, pageId)).id;
  const ctx = { db: handle.db, actor: systemActor('test') };
  ({ key: adminKey } = await createApiKey({ ctx, input: { name: 'subscriber-sync', role: 'admin' } }));
  ({ key: operatorKey } = await createApiKey({ ctx, input: { name: 'deploy-bot' } }));
});
afterAll(async () => {
  delete process.env.WEBHOOK_ALLOW_PRIVATE;
  resetEnvCache();
  await handle.close();
});

function call(
  method: string,
  path: string,
  body?: unknown,
  options: { key?: string; headers?: Record<string, string>; page?: string; raw?: string } = {},
): Request {
  return new Request(`http://127.0.0.1/api/v1/pages/${options.page ?? pageId}${path}`, {
    method,
    headers: {
      'content-type': 'application/json',
      authorization: `OAuth ${options.key ?? adminKey}`,
      'accept-language': 'en',
      ...options.headers,
    },
    body: options.raw ?? (body === undefined ? undefined : JSON.stringify(body)),
  });
}
const params = <P>(p: P, page = pageId) => ({ params: Promise.resolve({ pageId: page, ...p }) });
const create = (body: unknown, options?: Parameters<typeof call>[3]) =>
  postSubscriber(call('POST', '/subscribers', body, options), params({}, options?.page));

describe('subscribers management API', () => {
  it('creates a webhook subscriber with its signing secret shown once, lists, reads, rotates and unsubscribes it', async () => {
    const created = await create({
      subscriber: { endpoint: 'https://hooks.example.com/statuspage', email: 'ops@example.com', component_ids: [componentId] },
    });
    expect(created.status).toBe(201);
    const webhook = await created.json();
    expect(webhook).toMatchObject({
      mode: 'webhook',
      endpoint: 'https://hooks.example.com/statuspage',
      email: 'ops@example.com',
      state: 'active',
      components: [componentId],
    });
    expect(webhook.signing_secret).toMatch(/^whsec_/);

    const listed = await (await listSubscribers(call('GET', '/subscribers?mode=webhook'), params({}))).json();
    expect(listed).toEqual([expect.objectContaining({ id: webhook.id })]);
    expect(JSON.stringify(listed)).not.toContain('whsec_');
    const read = await (
      await getSubscriber(call('GET', `/subscribers/${webhook.id}`), params({ subscriberId: webhook.id }))
    ).json();
    expect(read).not.toHaveProperty('signing_secret');

    const rotated = await (
      await rotateSecret(call('POST', `/subscribers/${webhook.id}/signing_secret`), params({ subscriberId: webhook.id }))
    ).json();
    expect(rotated.signing_secret).toMatch(/^whsec_/);
    expect(rotated.signing_secret).not.toBe(webhook.signing_secret);

    const again = await create({ subscriber: { endpoint: 'https://hooks.example.com/statuspage', email: 'ops@example.com' } });
    expect(again.status).toBe(409);

    const left = await deleteSubscriber(call('DELETE', `/subscribers/${webhook.id}`), params({ subscriberId: webhook.id }));
    expect(left.status).toBe(200);
    expect(await left.json()).toMatchObject({ id: webhook.id, state: 'unsubscribed' });
  });

  it('replays a create sent again with the same Idempotency-Key, secret included, and creates nothing more', async () => {
    const body = { subscriber: { endpoint: 'https://hooks.example.com/replayed', email: 'ops@example.com' } };
    const first = await create(body, { headers: { 'idempotency-key': 'sub-1' } });
    const second = await create(body, { headers: { 'idempotency-key': 'sub-1' } });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    const [a, b] = [await first.json(), await second.json()];
    expect(b.id).toBe(a.id);
    expect(b.signing_secret).toBe(a.signing_secret);
  });

  it('adds email subscribers: confirmed at once with skip_confirmation_notification, else a confirmation mail first', async () => {
    const skipped = await (
      await create({ subscriber: { email: 'Ana@Example.com', skip_confirmation_notification: true } })
    ).json();
    expect(skipped).toMatchObject({ mode: 'email', email: 'ana@example.com', state: 'active', components: null });
    const pending = await (await create({ subscriber: { email: 'ben@example.com', component_ids: [componentId] } })).json();
    expect(pending).toMatchObject({ mode: 'email', state: 'pending', components: [componentId] });
    const mails = await handle.db
      .select({ subscriberId: deliveries.subscriberId, type: notificationMessages.type })
      .from(deliveries)
      .innerJoin(notificationMessages, eq(notificationMessages.id, deliveries.messageId));
    expect(mails.filter((m) => m.type === 'subscription_confirmation').map((m) => m.subscriberId)).toEqual([pending.id]);
  });

  it('refuses bad bodies with 422 naming the field, in the caller language, and changes nothing', async () => {
    const cases: [unknown, string][] = [
      [{ endpoint: 'https://x.example.com' }, 'subscriber'],
      [{ subscriber: {} }, 'subscriber.email'],
      [{ subscriber: { endpoint: 'ftp://hooks.example.com/x', email: 'ops@example.com' } }, 'subscriber.endpoint'],
      [{ subscriber: { endpoint: 'https://user:pw@hooks.example.com/x', email: 'ops@example.com' } }, 'subscriber.endpoint'],
      [{ subscriber: { endpoint: 'https://hooks.example.com/no-contact' } }, 'subscriber.email'],
      [{ subscriber: { email: 'not-an-address' } }, 'subscriber.email'],
      [{ subscriber: { email: 'c@example.com', component_ids: ['nope'] } }, 'subscriber.component_ids'],
      [{ subscriber: { email: 'c@example.com', component_ids: [randomUUID()] } }, 'subscriber.component_ids'],
      [{ subscriber: { email: 'c@example.com', phone_number: '+81' } }, 'subscriber.phone_number'],
      [
        { subscriber: { email: 'c@example.com', skip_confirmation_notification: 'yes' } },
        'subscriber.skip_confirmation_notification',
      ],
    ];
    for (const [body, field] of cases) {
      const answer = await create(body);
      const json = await answer.json();
      expect({ body, status: answer.status }).toEqual({ body, status: 422 });
      if (field !== 'subscriber') expect(Object.keys(json.fields ?? {})).toContain(field);
      expect(json.error).toMatch(/[a-z]/);
    }
    const notJson = await create(undefined, { raw: '{"subscriber":' });
    expect(notJson.status).toBe(422);
    const ja = await create({ subscriber: {} }, { headers: { 'accept-language': 'ja' } });
    expect((await ja.json()).error).toMatch(/[ぁ-んァ-ン]/);
    const all = await (await listSubscribers(call('GET', '/subscribers'), params({}))).json();
    expect(all.map((s: { email?: string }) => s.email)).not.toContain('c@example.com');
  });

  it('refuses private, loopback and link-local endpoints without WEBHOOK_ALLOW_PRIVATE', async () => {
    for (const endpoint of [
      'http://127.0.0.1:3700/hook',
      'http://169.254.169.254/latest',
      'http://[::1]/x',
      'http://localhost/x',
      'http://10.1.2.3/x',
    ]) {
      const answer = await create({ subscriber: { endpoint, email: 'ops@example.com' } });
      const json = await answer.json();
      expect({ endpoint, status: answer.status, code: json.code }).toEqual({ endpoint, status: 422, code: 'webhook_private' });
      expect(json.fields['subscriber.endpoint'][0]).toContain('WEBHOOK_ALLOW_PRIVATE');
    }
  });

  it('answers 404 for another page id or an unknown subscriber, and 403 to an operator key', async () => {
    const otherPage = randomUUID();
    expect((await create({ subscriber: { email: 'd@example.com' } }, { page: otherPage })).status).toBe(404);
    expect(
      (await listSubscribers(call('GET', '/subscribers', undefined, { page: otherPage }), params({}, otherPage))).status,
    ).toBe(404);
    for (const id of [randomUUID(), 'not-a-uuid']) {
      expect((await getSubscriber(call('GET', `/subscribers/${id}`), params({ subscriberId: id }))).status).toBe(404);
      expect((await deleteSubscriber(call('DELETE', `/subscribers/${id}`), params({ subscriberId: id }))).status).toBe(404);
      expect((await rotateSecret(call('POST', `/subscribers/${id}/signing_secret`), params({ subscriberId: id }))).status).toBe(
        404,
      );
    }
    const byOperator = await create({ subscriber: { email: 'e@example.com' } }, { key: operatorKey });
    expect(byOperator.status).toBe(403);
    expect((await byOperator.json()).error).toContain('admin API key');
    expect((await listSubscribers(call('GET', '/subscribers', undefined, { key: operatorKey }), params({}))).status).toBe(403);
  });
});
