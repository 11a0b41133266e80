import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { DatabaseHandle } from '../../db/client';
import { deliveries, subscribers } from '../../db/schema';
import { createTestDatabase } from '../../test/db';
import { createComponent, createPage, createSubscriber } from '../../test/factories';
import { enqueueNotice } from './enqueue';

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
    expect(first.queued).toBe(2);
    const rows = await db.select().from(deliveries).where(eq(deliveries.messageId, first.messageId!));
    expect(rows.map((r) => r.subscriberId).sort()).toEqual([everything.id, apiOnly.id].sort());
    expect(rows.every((r) => r.status === 'queued' && r.queuedAt.getTime() === at.getTime())).toBe(true);
    expect(rows.find((r) => r.subscriberId === apiOnly.id)?.channel).toBe('line');

    const again = await db.transaction((tx) =>
      enqueueNotice(tx, { pageId: page.id, type: 'incident_opened', componentIds: [api.id], payload, dedupeKey: 'k1', at }),
    );
    expect(again).toEqual({ messageId: null, queued: 0 });
  });
});
