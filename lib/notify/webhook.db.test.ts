import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { Webhook } from 'standardwebhooks';
import type { DatabaseHandle } from '../../db/client';
import { deliveries, evidence, notificationMessages, subscribers, systemMailOutbox } from '../../db/schema';
import { startWebhookReceiver, type FakeWebhookReceiver } from '../../e2e/fakes';
import { createTestDatabase } from '../../test/db';
import { createComponent, createPage } from '../../test/factories';
import { postIncident } from '../../test/notify-fixtures';
import { createWebhookSender } from '../channels/webhook';
import { resetEnvCache } from '../env';
import { appendEvidence } from '../evidence/append';
import { instanceSecret } from '../notices/secrets';
import { manageToken } from '../notices/tokens';
import { systemActor } from '../services/context';
import { addWebhookSubscriber } from '../services/subscribers/add-webhook';
import { loadManageView } from '../services/subscribers/manage-view';
import { rotateSigningSecret } from '../services/subscribers/rotate-signing-secret';
import { Dispatcher } from './dispatcher';

// Webhook subscribers end to end: subscriber → posted notice → dispatcher → a local receiver
// that checks the signature with the reference `standardwebhooks` library, not our signer.

let handle: DatabaseHandle;
let receiver: FakeWebhookReceiver;
const BASE = 'https://status.example.test';
const admin = () => ({ db: handle.db, actor: systemActor('test') });
const sender = createWebhookSender({ allowPrivate: true, timeoutMs: 10_000 });

beforeAll(async () => {
  // The receiver is on 127.0.0.1: allowed for this file's subscribers, as in every test set-up.
  process.env.WEBHOOK_ALLOW_PRIVATE = 'true';
  resetEnvCache();
  [handle, receiver] = await Promise.all([createTestDatabase(), startWebhookReceiver({ seed: 3 })]);
});
afterAll(async () => {
  delete process.env.WEBHOOK_ALLOW_PRIVATE;
  resetEnvCache();
  await receiver.close();
  await handle.close();
});
beforeEach(() => receiver.reset());

function dispatcher(options: Partial<ConstructorParameters<typeof Dispatcher>[0]> = {}) {
  return new Dispatcher({
    db: handle.db,
    senders: { webhook: sender },
    baseUrl: BASE,
    retryPolicy: { baseDelayMs: 0, maxDelayMs: 0, jitter: 0 },
    ...options,
  });
}

async function subscribe(path: string, options: { locale?: 'ja' | 'en'; componentIds?: string[] } = {}) {
  const page = await createPage(handle.db);
  const component = await createComponent(handle.db, page.id, { name: 'API' });
  const { subscriber, signingSecret } = await addWebhookSubscriber({
    ctx: admin(),
    input: {
      pageId: page.id,
      endpoint: `${receiver.url}${path}`,
      contactEmail: 'ops@example.test',
      locale: options.locale ?? 'ja',
      choice: { scope: 'all' },
    },
  });
  return { page, component, subscriber, signingSecret };
}

const deliveryOf = async (messageId: string) =>
  (await handle.db.select().from(deliveries).where(eq(deliveries.messageId, messageId)))[0];

describe('webhook subscribers', () => {
  it('get each notice as a signed, Statuspage-shaped POST; the result is in the delivery log and the evidence chain', async () => {
    const { page, component, subscriber, signingSecret } = await subscribe('/hooks/signed', { locale: 'en' });
    expect(signingSecret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    receiver.expectSecret('/hooks/signed', signingSecret);

    // Something on the chain, so the notice is written under a head.
    await handle.db.transaction((tx) =>
      appendEvidence(tx, [{ kind: 'delivery_result', occurredAt: new Date(), content: { note: 'earlier' } }]),
    );
    const { messageId, incidentId, queued } = await postIncident(handle.db, {
      pageId: page.id,
      components: [{ id: component.id, status: 'major_outage' }],
      title: 'API down',
    });
    expect(queued).toBe(1);
    await dispatcher().drain();

    const [got] = receiver.deliveriesTo('/hooks/signed');
    expect(got.verified).toBe(true);
    const row = await deliveryOf(messageId);
    expect(row).toMatchObject({ channel: 'webhook', status: 'sent', attempts: 1 });
    expect(got.headers['webhook-id']).toBe(`msg_${row.id}`);
    expect(got.headers['content-type']).toBe('application/json');
    // The chain head the notice was written under, as every email carries it.
    const [written] = await handle.db.select().from(notificationMessages).where(eq(notificationMessages.id, messageId));
    expect(written.evidenceSeq).not.toBeNull();
    expect(got.headers['x-shirase-evidence']).toBe(`seq=${written.evidenceSeq}; hash=${written.evidenceHash}`);
    const body = JSON.parse(got.body);
    const token = manageToken(await instanceSecret(handle.db, 'subscription-links'), subscriber.id);
    expect(body.meta.unsubscribe).toBe(`${BASE}/manage/${token}`);
    expect(body.page).toMatchObject({ id: page.id, status_indicator: 'critical', status_description: 'Major Service Outage' });
    expect(body.incident).toMatchObject({
      id: incidentId,
      name: 'API down',
      status: 'investigating',
      impact: 'minor',
      shortlink: `${BASE}/incidents/${incidentId}`,
    });
    expect(body.incident.components).toEqual([{ id: component.id, name: 'API', status: 'major_outage' }]);
    expect(body.incident.incident_updates[0]).toMatchObject({ status: 'investigating', body: '調査しています。' });

    const mine = (await handle.db.select().from(evidence).where(eq(evidence.kind, 'delivery_result'))).filter(
      (e) => e.content.messageId === messageId,
    );
    expect(mine).toEqual([
      expect.objectContaining({ content: expect.objectContaining({ channel: 'webhook', outcome: 'sent' }) }),
    ]);
    expect(JSON.stringify(mine)).not.toContain(receiver.url);
    // The unsubscribe link leads to the manage page, which names only the endpoint's host.
    expect((await loadManageView(handle.db, token)).maskedAddress).toBe(new URL(receiver.url).host);
  });

  it('signs with the new secret once rotated; the old one no longer verifies', async () => {
    const { page, component, subscriber, signingSecret: old } = await subscribe('/hooks/rotated');
    const { signingSecret: rotated } = await rotateSigningSecret({ ctx: admin(), input: { pageId: page.id, id: subscriber.id } });
    expect(rotated).not.toBe(old);
    receiver.expectSecret('/hooks/rotated', rotated);
    await postIncident(handle.db, { pageId: page.id, components: [{ id: component.id, status: 'partial_outage' }] });
    await dispatcher().drain();
    const [got] = receiver.deliveriesTo('/hooks/rotated');
    expect(got.verified).toBe(true);
    expect(() => new Webhook(old).verify(got.body, got.headers)).toThrow();
  });

  it('honours 429 Retry-After: the retry waits for it, then goes out', async () => {
    const { page, component } = await subscribe('/hooks/busy');
    const now = new Date('2026-12-01T00:00:00Z');
    const paced = dispatcher({ now: () => now, retryPolicy: { baseDelayMs: 1_000, maxDelayMs: 1_000, jitter: 0 } });
    receiver.faults.failNext(1, { kind: 'status', status: 429, retryAfterSec: 120 });
    const { messageId } = await postIncident(handle.db, {
      pageId: page.id,
      components: [{ id: component.id, status: 'major_outage' }],
      at: now,
    });

    expect(await paced.runOnce('webhook')).toBe(1);
    const waiting = await deliveryOf(messageId);
    expect(waiting).toMatchObject({ status: 'failed', attempts: 1 });
    expect(waiting.nextAttemptAt.getTime()).toBe(now.getTime() + 120_000);
    now.setTime(now.getTime() + 119_000);
    expect(await paced.runOnce('webhook')).toBe(0);
    now.setTime(now.getTime() + 1_000);
    expect(await paced.runOnce('webhook')).toBe(1);
    expect(await deliveryOf(messageId)).toMatchObject({ status: 'sent', attempts: 2 });
    expect(receiver.attempts.filter((a) => a.path === '/hooks/busy').map((a) => a.status)).toEqual([429, 204]);
  });

  it('dead-letters an endpoint that keeps failing, switches it off and tells its contact once, in their language', async () => {
    const { page, component, subscriber } = await subscribe('/hooks/broken', { locale: 'en' });
    receiver.setPathFault('/hooks/broken', { kind: 'status', status: 500 });
    const now = new Date('2026-12-02T00:00:00Z');
    const retrying = dispatcher({
      now: () => now,
      retryPolicy: { maxAttempts: 3, baseDelayMs: 60_000, maxDelayMs: 60_000, jitter: 0 },
    });
    const { messageId } = await postIncident(handle.db, {
      pageId: page.id,
      components: [{ id: component.id, status: 'major_outage' }],
      at: now,
    });
    for (let i = 0; i < 3; i++) {
      expect(await retrying.runOnce('webhook')).toBe(1);
      now.setTime(now.getTime() + 60_000);
    }
    expect(await deliveryOf(messageId)).toMatchObject({ status: 'dead', attempts: 3, lastError: 'endpoint answered 500' });
    expect(receiver.attempts.filter((a) => a.path === '/hooks/broken')).toHaveLength(3);
    const [off] = await handle.db.select().from(subscribers).where(eq(subscribers.id, subscriber.id));
    expect(off.disabledAt).not.toBeNull();
    const told = await handle.db.select().from(systemMailOutbox).where(eq(systemMailOutbox.to, 'ops@example.test'));
    expect(told).toHaveLength(1);
    expect(told[0].subject).toBe('Status notices to your webhook have stopped');
    expect(told[0].text).toContain(`${receiver.url}/hooks/broken`);

    // Switched off: the next notice is not even queued for it.
    const next = await postIncident(handle.db, {
      pageId: page.id,
      components: [{ id: component.id, status: 'major_outage' }],
      at: now,
    });
    expect(next.queued).toBe(0);
  });

  it('stops at once on 410 Gone', async () => {
    const { page, component, subscriber } = await subscribe('/hooks/gone');
    receiver.setPathFault('/hooks/gone', { kind: 'status', status: 410 });
    const { messageId } = await postIncident(handle.db, {
      pageId: page.id,
      components: [{ id: component.id, status: 'major_outage' }],
    });
    await dispatcher().drain();
    expect(await deliveryOf(messageId)).toMatchObject({ status: 'dead', attempts: 1 });
    const [off] = await handle.db.select().from(subscribers).where(eq(subscribers.id, subscriber.id));
    expect(off.disabledAt).not.toBeNull();
    expect(await handle.db.select().from(systemMailOutbox).where(eq(systemMailOutbox.text, off.disabledReason!))).toHaveLength(0);
  });

  it('refuses a private address at send time without WEBHOOK_ALLOW_PRIVATE, and nothing reaches it', async () => {
    const { page, component } = await subscribe('/hooks/private');
    const guarded = dispatcher({ senders: { webhook: createWebhookSender({ allowPrivate: false }) } });
    const { messageId } = await postIncident(handle.db, {
      pageId: page.id,
      components: [{ id: component.id, status: 'major_outage' }],
    });
    await guarded.drain();
    expect(await deliveryOf(messageId)).toMatchObject({ status: 'dead', lastError: 'endpoint resolves to a private address' });
    expect(receiver.attempts.filter((a) => a.path === '/hooks/private')).toHaveLength(0);
  });
});
