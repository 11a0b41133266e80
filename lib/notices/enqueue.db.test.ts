import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { DatabaseHandle } from '../../db/client';
import { deliveries, subscribers } from '../../db/schema';
import { createTestDatabase } from '../../test/db';
import { createComponent, createPage, createSubscriber } from '../../test/factories';
import { enqueueNotice } from './enqueue';
import { enqueueConfirmationEmail } from './confirmation';
import { fanOutAll, fanOutNextChunk } from '../notify/fan-out';

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

describe('enqueueNotice', () => {
  it('queues one delivery per confirmed subscriber who chose an affected component, once per dedupe key', async () => {
    const db = handle.db;
    const page = await createPage(db);
    const api = await createComponent(db, page.id, { name: 'API' });
    const web = await createComponent(db, page.id, { name: 'Web' });
    const everything = await createSubscriber(db, page.id);
    const apiOnly = await createSubscriber(db, page.id, { channel: 'line', address: 'U1', componentIds: [api.id] });
    await createSubscriber(db, page.id, { componentIds: [web.id] });
    await createSubscriber(db, page.id, { confirmed: false });
    const left = await createSubscriber(db, page.id, { channel: 'chatwork', address: '123' });
    await db.update(subscribers).set({ unsubscribedAt: new Date() }).where(eq(subscribers.id, left.id));

    const at = new Date('2026-11-23T00:00:00Z');
    const payload = { page: { name: 'テスト' } };
    const first = await db.transaction((tx) =>
      enqueueNotice(tx, { pageId: page.id, type: 'incident_opened', componentIds: [api.id], payload, dedupeKey: 'k1', at }),
    );
    // Posting writes the message only; the fan-out makes the deliveries.
    expect(await db.select().from(deliveries).where(eq(deliveries.messageId, first.messageId!))).toHaveLength(0);
    expect(await fanOutAll(db)).toBe(2);
    const rows = await db.select().from(deliveries).where(eq(deliveries.messageId, first.messageId!));
    expect(rows.map((r) => r.subscriberId).sort()).toEqual([everything.id, apiOnly.id].sort());
    expect(rows.every((r) => r.status === 'queued' && r.queuedAt.getTime() === at.getTime())).toBe(true);
    expect(rows.find((r) => r.subscriberId === apiOnly.id)?.channel).toBe('line');

    const again = await db.transaction((tx) =>
      enqueueNotice(tx, { pageId: page.id, type: 'incident_opened', componentIds: [api.id], payload, dedupeKey: 'k1', at }),
    );
    expect(again).toEqual({ messageId: null });
    expect(await fanOutNextChunk(db)).toBeNull();
  });

  it('fans out in chunks that resume where the last one stopped, each recipient once, with the post time as queued time', async () => {
    const db = handle.db;
    const page = await createPage(db);
    const api = await createComponent(db, page.id, { name: 'API' });
    const recipients = [];
    for (let i = 0; i < 7; i++) recipients.push((await createSubscriber(db, page.id, { address: `chunk-${i}@example.test` })).id);
    const at = new Date('2026-11-23T01:00:00Z');
    const { messageId } = await db.transaction((tx) =>
      enqueueNotice(tx, { pageId: page.id, type: 'incident_opened', componentIds: [api.id], payload: {}, at }),
    );
    const steps = [];
    for (let step = await fanOutNextChunk(db, { chunk: 3 }); step; step = await fanOutNextChunk(db, { chunk: 3 }))
      steps.push(step);
    expect(steps.map((s) => [s.queued, s.done])).toEqual([
      [3, false],
      [3, false],
      [1, true],
    ]);
    const rows = await db.select().from(deliveries).where(eq(deliveries.messageId, messageId!));
    expect(rows.map((r) => r.subscriberId).sort()).toEqual(recipients.sort());
    expect(rows.every((r) => r.queuedAt.getTime() === at.getTime())).toBe(true);
  });
  it('never fans a confirmation mail out to the audience: it goes to its one new subscriber only', async () => {
    const db = handle.db;
    const page = await createPage(db);
    await createSubscriber(db, page.id, { address: 'already@example.test' });
    const newcomer = await createSubscriber(db, page.id, { address: 'new@example.test', confirmed: false });
    await db.transaction((tx) =>
      enqueueConfirmationEmail(tx, { pageId: page.id, subscriberId: newcomer.id, timeZone: 'Asia/Tokyo', at: new Date() }),
    );
    expect(await fanOutAll(db)).toBe(0);
    const rows = await db
      .select()
      .from(deliveries)
      .innerJoin(subscribers, eq(subscribers.id, deliveries.subscriberId))
      .where(eq(subscribers.pageId, page.id));
    expect(rows.map((r) => r.subscribers.address)).toEqual(['new@example.test']);
  });
});
