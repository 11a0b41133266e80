import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { and, eq, inArray } from 'drizzle-orm';
import type { DatabaseHandle } from '../../db/client';
import { deliveries, evidence, subscribers } from '../../db/schema';
import { fakeLineUserId } from '../../e2e/fakes';
import { createTestDatabase } from '../../test/db';
import { createComponent, createPage, createSubscriber } from '../../test/factories';
import { resendDeliveries } from '../services/deliveries/resend';
import { isServiceError } from '../errors';
import { createChatworkSender } from '../channels/chatwork';
import { createSmtpEmailSender } from '../channels/email';
import { createLineSender } from '../channels/line';
import type { ChannelSender } from '../channels/types';
import { Dispatcher } from './dispatcher';
import { postIncident, startFakes, type Fakes } from '../../test/notify-fixtures';

let handle: DatabaseHandle;
let fakes: Fakes;
let pageId: string;
let componentId: string;
const BASE = 'https://status.example.test';
const fastRetry = { baseDelayMs: 0, maxDelayMs: 0, jitter: 0 };
const operator = { kind: 'user' as const, userId: crypto.randomUUID(), email: 'op@example.test', role: 'operator' as const };

beforeAll(async () => {
  [handle, fakes] = await Promise.all([createTestDatabase(), startFakes({ seed: 5 })]);
  pageId = (await createPage(handle.db)).id;
  componentId = (await createComponent(handle.db, pageId)).id;
});
afterAll(async () => {
  await fakes.close();
  await handle.close();
});
beforeEach(async () => {
  fakes.sink.reset();
  fakes.line.reset();
  fakes.chatwork.reset();
  // Each test starts with only its own subscribers.
  await handle.db.delete(subscribers);
});

async function subscribe(count: { email?: number; line?: number; chatwork?: number }, tag: string) {
  const emails = Array.from({ length: count.email ?? 0 }, (_, i) => `${tag}-${i}@example.test`);
  const users = Array.from({ length: count.line ?? 0 }, (_, i) => fakeLineUserId(`${tag}-${i}`));
  const rooms = Array.from({ length: count.chatwork ?? 0 }, (_, i) => String(900_000 + i));
  for (const address of emails) await createSubscriber(handle.db, pageId, { address });
  for (const address of users) await createSubscriber(handle.db, pageId, { channel: 'line', address });
  for (const address of rooms) await createSubscriber(handle.db, pageId, { channel: 'chatwork', address });
  return { emails, users, rooms };
}

function ownSenders(): Record<'email' | 'line' | 'chatwork', ChannelSender> {
  return {
    email: createSmtpEmailSender({ smtpUrl: fakes.sink.url, from: 'status@example.test', timeoutMs: 10_000 }),
    line: createLineSender({ channelAccessToken: fakes.line.channelAccessToken, baseUrl: fakes.line.url, timeoutMs: 10_000 }),
    chatwork: createChatworkSender({ apiToken: fakes.chatwork.tokens[0], baseUrl: fakes.chatwork.url, timeoutMs: 10_000 }),
  };
}

const statuses = async (messageId: string) =>
  (await handle.db.select({ status: deliveries.status }).from(deliveries).where(eq(deliveries.messageId, messageId))).map(
    (r) => r.status,
  );

describe('dispatcher reliability', () => {
  it('two dispatchers draining one outbox concurrently send every message exactly once', async () => {
    const { emails, users, rooms } = await subscribe({ email: 150, line: 1_100, chatwork: 12 }, 'pair');
    const { messageId, queued } = await postIncident(handle.db, {
      pageId,
      components: [{ id: componentId, status: 'major_outage' }],
    });
    expect(queued).toBe(150 + 1_100 + 12);
    const small = { email: { claimSize: 20 }, line: { claimSize: 500 }, chatwork: { claimSize: 3 } };
    const a = new Dispatcher({ db: handle.db, senders: ownSenders(), baseUrl: BASE, tuning: small, retryPolicy: fastRetry });
    const b = new Dispatcher({ db: handle.db, senders: ownSenders(), baseUrl: BASE, tuning: small, retryPolicy: fastRetry });
    await Promise.all([a.drain(), b.drain(), a.drain(), b.drain()]);

    expect(new Set(await statuses(messageId))).toEqual(new Set(['sent']));
    for (const address of emails) expect(fakes.sink.messagesTo(address)).toHaveLength(1);
    for (const user of users) expect(fakes.line.deliveryCount(user)).toBe(1);
    for (const room of rooms) expect(fakes.chatwork.messagesIn(room)).toHaveLength(1);
    expect(fakes.line.deliveries.every((d) => d.to.length <= 500)).toBe(true);
    expect(fakes.line.stats().conflicts).toBe(0);
    const results = await handle.db.select().from(evidence).where(eq(evidence.kind, 'delivery_result'));
    expect(results.filter((r) => r.content.messageId === messageId)).toHaveLength(queued);
  });

  it('after a worker dies mid-send, the LINE batch is retried under its stored key and each user receives it once', async () => {
    const { users } = await subscribe({ line: 40 }, 'crash');
    const t0 = new Date('2026-11-23T03:00:00Z');
    const { messageId } = await postIncident(handle.db, {
      pageId,
      components: [{ id: componentId, status: 'major_outage' }],
      at: t0,
    });

    // Worker A: LINE accepts its multicast, then A "dies" before recording anything.
    let revive: () => void = () => {};
    const real = fakes.senders.line;
    const dying: ChannelSender = {
      ...real,
      channel: 'line',
      maxBatch: real.maxBatch,
      send: async (batch) => {
        const results = await real.send(batch);
        await new Promise<void>((resolve) => (revive = resolve));
        return results;
      },
    };
    const a = new Dispatcher({
      db: handle.db,
      senders: { line: dying },
      baseUrl: BASE,
      now: () => t0,
      tuning: { line: { leaseMs: 60_000 } },
    });
    const aRound = a.runOnce('line');
    await expect.poll(() => fakes.line.deliveries.length).toBe(1);
    const [claimed] = await handle.db.select().from(deliveries).where(eq(deliveries.messageId, messageId)).limit(1);
    expect(claimed.batchKey).toBe(fakes.line.deliveries[0].retryKey);

    // Worker B: before the lease ends nothing is claimable; after it, the same batch under the same key.
    const b = new Dispatcher({
      db: handle.db,
      senders: { line: real },
      baseUrl: BASE,
      now: () => new Date(t0.getTime() + 30_000),
    });
    expect(await b.runOnce('line')).toBe(0);
    const later = new Dispatcher({
      db: handle.db,
      senders: { line: real },
      baseUrl: BASE,
      now: () => new Date(t0.getTime() + 61_000),
    });
    expect(await later.runOnce('line')).toBe(40);
    expect(fakes.line.stats().conflicts).toBe(1);
    for (const user of users) expect(fakes.line.deliveryCount(user)).toBe(1);
    const rows = await handle.db.select().from(deliveries).where(eq(deliveries.messageId, messageId));
    expect(rows.every((r) => r.status === 'sent' && r.attempts === 2 && r.batchKey === claimed.batchKey)).toBe(true);

    // A comes back to life: its lease was taken over, so its late results are not written.
    const evidenceBefore = (await handle.db.select().from(evidence)).length;
    revive();
    await aRound;
    expect(
      (await handle.db.select().from(deliveries).where(eq(deliveries.messageId, messageId))).every((r) => r.attempts === 2),
    ).toBe(true);
    expect((await handle.db.select().from(evidence)).length).toBe(evidenceBefore);
  });

  it('tells passing failures (5xx, 429 with Retry-After) from permanent ones (blocked room), honouring Retry-After', async () => {
    const { users } = await subscribe({ line: 2, chatwork: 2 }, 'classify');
    const now = new Date('2026-11-23T04:00:00Z');
    const { messageId } = await postIncident(handle.db, {
      pageId,
      components: [{ id: componentId, status: 'major_outage' }],
      at: now,
    });
    // Rooms in sending order: the first post meets the injected 503, the second a blocked room.
    const rooms = (
      await handle.db
        .select({ address: subscribers.address })
        .from(deliveries)
        .innerJoin(subscribers, eq(subscribers.id, deliveries.subscriberId))
        .where(and(eq(deliveries.messageId, messageId), eq(deliveries.channel, 'chatwork')))
        .orderBy(deliveries.id)
    ).map((r) => r.address);
    fakes.line.faults.failNext(1, { kind: 'status', status: 429, retryAfterSec: 120 });
    fakes.chatwork.setRoomAccess(rooms[1], 'forbidden');
    fakes.chatwork.faults.failNext(1, { kind: 'status', status: 503 });
    // One room per claim, so the rooms are posted to in that order.
    const d = new Dispatcher({
      db: handle.db,
      senders: fakes.senders,
      baseUrl: BASE,
      now: () => now,
      tuning: { chatwork: { claimSize: 1 } },
      retryPolicy: { baseDelayMs: 10_000, maxDelayMs: 10_000, jitter: 0 },
    });
    await d.runOnce('line');
    await d.runOnce('chatwork');
    await d.runOnce('chatwork');

    const rows = await handle.db
      .select({
        status: deliveries.status,
        next: deliveries.nextAttemptAt,
        error: deliveries.lastError,
        address: subscribers.address,
        disabledAt: subscribers.disabledAt,
      })
      .from(deliveries)
      .innerJoin(subscribers, eq(subscribers.id, deliveries.subscriberId))
      .where(eq(deliveries.messageId, messageId));
    const of = (address: string) => rows.find((r) => r.address === address)!;
    for (const user of users) expect(of(user)).toMatchObject({ status: 'failed', next: new Date(now.getTime() + 120_000) });
    expect(of(rooms[1])).toMatchObject({ status: 'dead' });
    expect(of(rooms[1]).disabledAt).not.toBeNull();
    expect(of(rooms[1]).error).toContain('403');
    const passing = of(rooms[0]);
    expect(passing.status).toBe('failed');
    expect(passing.error).toContain('503');
  });

  it('a delivery that keeps failing goes dead after the last attempt; an operator resends it and it arrives', async () => {
    const { emails } = await subscribe({ email: 1 }, 'dead');
    fakes.sink.faults.data.failNext(3, { kind: 'reply', code: 451 });
    const { messageId } = await postIncident(handle.db, { pageId, components: [{ id: componentId, status: 'major_outage' }] });
    const d = new Dispatcher({
      db: handle.db,
      senders: { email: fakes.senders.email },
      baseUrl: BASE,
      retryPolicy: { ...fastRetry, maxAttempts: 3 },
    });
    await d.drain();
    const [dead] = await handle.db.select().from(deliveries).where(eq(deliveries.messageId, messageId));
    expect(dead).toMatchObject({ status: 'dead', attempts: 3 });
    expect(dead.lastError).toContain('451');
    const deadEvidence = (await handle.db.select().from(evidence)).filter((e) => e.content.deliveryId === dead.id);
    expect(deadEvidence.map((e) => e.content.outcome)).toEqual(['dead']);

    const viewer = { ...operator, role: 'viewer' as const };
    const refused = await resendDeliveries({ ctx: { db: handle.db, actor: viewer }, input: { deliveryIds: [dead.id] } }).catch(
      (e: unknown) => e,
    );
    expect(isServiceError(refused) && refused.code).toBe('forbidden');
    expect(await resendDeliveries({ ctx: { db: handle.db, actor: operator }, input: { deliveryIds: [dead.id] } })).toEqual({
      requeued: 1,
    });
    await d.drain();
    expect(fakes.sink.messagesTo(emails[0])).toHaveLength(1);
    const [sent] = await handle.db.select().from(deliveries).where(eq(deliveries.id, dead.id));
    expect(sent).toMatchObject({ status: 'sent', attempts: 1 });
    const again = await resendDeliveries({ ctx: { db: handle.db, actor: operator }, input: { deliveryIds: [dead.id] } }).catch(
      (e: unknown) => e,
    );
    expect(isServiceError(again) && again.code).toBe('conflict');
  });

  it('with 30 % of provider calls failing, every subscriber still gets the message exactly once and nothing is dead', async () => {
    const { emails, users, rooms } = await subscribe({ email: 60, line: 700, chatwork: 15 }, 'faults');
    fakes.sink.faults.rcpt.setRate({
      rate: 0.3,
      faults: [{ kind: 'reply', code: 451 }, { kind: 'reply', code: 421 }, { kind: 'drop' }],
    });
    fakes.line.faults.setRate({
      rate: 0.3,
      faults: [
        { kind: 'status', status: 500 },
        { kind: 'status', status: 429, retryAfterSec: 0 },
        { kind: 'hang' },
        { kind: 'accept-then-drop' },
        { kind: 'slow', ms: 1_500 },
      ],
    });
    fakes.chatwork.faults.setRate({
      rate: 0.3,
      faults: [{ kind: 'status', status: 500 }, { kind: 'status', status: 429, retryAfterSec: 0 }, { kind: 'drop' }],
    });
    const { messageId } = await postIncident(handle.db, { pageId, components: [{ id: componentId, status: 'major_outage' }] });
    const d = new Dispatcher({
      db: handle.db,
      senders: fakes.senders,
      baseUrl: BASE,
      retryPolicy: { ...fastRetry, maxAttempts: 25 },
    });
    await d.drain();

    expect(new Set(await statuses(messageId))).toEqual(new Set(['sent']));
    for (const address of emails) expect(fakes.sink.messagesTo(address)).toHaveLength(1);
    for (const user of users) expect(fakes.line.deliveryCount(user)).toBe(1);
    for (const room of rooms) expect(fakes.chatwork.messagesIn(room)).toHaveLength(1);
    expect(
      fakes.line.stats().faultsInjected + fakes.chatwork.stats().faultsInjected + fakes.sink.stats().faultsInjected,
    ).toBeGreaterThan(10);
    const dead = await handle.db
      .select()
      .from(deliveries)
      .where(and(eq(deliveries.messageId, messageId), inArray(deliveries.status, ['dead', 'failed'])));
    expect(dead).toHaveLength(0);
  });
  it('a send slower than its lease keeps its rows: another worker claims nothing meanwhile, and each mail goes once', async () => {
    const { emails } = await subscribe({ email: 3 }, 'slow');
    await postIncident(handle.db, { pageId, components: [{ id: componentId, status: 'major_outage' }] });
    const real = fakes.senders.email;
    const slow: ChannelSender = {
      ...real,
      send: async (batch) => (await new Promise((r) => setTimeout(r, 3_500)), real.send(batch)),
    };
    const lease = { email: { leaseMs: 1_000 } };
    const a = new Dispatcher({ db: handle.db, senders: { email: slow }, baseUrl: BASE, tuning: lease, retryPolicy: fastRetry });
    const b = new Dispatcher({ db: handle.db, senders: { email: real }, baseUrl: BASE, tuning: lease, retryPolicy: fastRetry });
    const aRound = a.runOnce('email');
    await new Promise((r) => setTimeout(r, 2_500)); // more than twice the lease, while A still sends
    expect(await b.runOnce('email')).toBe(0);
    expect(await aRound).toBe(3);
    expect(await b.runOnce('email')).toBe(0);
    for (const address of emails) expect(fakes.sink.messagesTo(address)).toHaveLength(1);
  });

  it('results that cannot be written at first (the database went away) are written once it answers, and nothing is sent twice', async () => {
    const { emails } = await subscribe({ email: 2 }, 'record');
    const { messageId } = await postIncident(handle.db, { pageId, components: [{ id: componentId, status: 'major_outage' }] });
    let outage = 0;
    // The database refuses the next two transactions, as during a restart.
    const flaky = new Proxy(handle.db, {
      get(target, prop, receiver) {
        if (prop === 'transaction' && outage > 0) {
          outage--;
          return () => Promise.reject(new Error('connection terminated'));
        }
        return Reflect.get(target, prop, receiver);
      },
    });
    const real = fakes.senders.email;
    const sender: ChannelSender = { ...real, send: async (batch) => ((outage = 2), real.send(batch)) };
    const d = new Dispatcher({ db: flaky, senders: { email: sender }, baseUrl: BASE, retryPolicy: fastRetry, log: () => {} });
    expect(await d.runOnce('email')).toBe(2);
    expect(outage).toBe(0);
    expect(new Set(await statuses(messageId))).toEqual(new Set(['sent']));
    await d.drain();
    for (const address of emails) expect(fakes.sink.messagesTo(address)).toHaveLength(1);
  });
});
