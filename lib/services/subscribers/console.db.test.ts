import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { DatabaseHandle } from '../../../db/client';
import { deliveries, evidence } from '../../../db/schema';
import { createTestDatabase } from '../../../test/db';
import { createComponent, createPage, createSubscriber } from '../../../test/factories';
import { verifyEvidenceChain } from '../../evidence/verify';
import { isServiceError } from '../../errors';
import { listDeliveries } from '../deliveries/delivery-log';
import { listFirstNotices } from '../deliveries/first-notice';
import { listMessageProgress } from '../deliveries/progress';
import { Dispatcher } from '../../notify/dispatcher';
import { instanceSecret } from '../../notices/secrets';
import { postIncident, startFakes, type Fakes } from '../../../test/notify-fixtures';
import { recipientHash } from '../../notices/tokens';
import type { Actor } from '../context';
import { exportSubscribersCsv } from './export-csv';
import { listSubscribers } from './list';
import { removeSubscriber } from './remove';

let handle: DatabaseHandle;
let fakes: Fakes;
const admin: Actor = { kind: 'user', userId: crypto.randomUUID(), email: 'admin@example.test', role: 'admin' };
const viewer: Actor = { ...admin, role: 'viewer' };
const operator: Actor = { ...admin, role: 'operator' };

beforeAll(async () => {
  [handle, fakes] = await Promise.all([createTestDatabase(), startFakes()]);
});
afterAll(async () => {
  await fakes.close();
  await handle.close();
});

const ctx = (actor: Actor, now?: Date) => ({ db: handle.db, actor, ...(now ? { now: () => now } : {}) });
const refusal = (work: Promise<unknown>) =>
  work.then(
    () => null,
    (e: unknown) => (isServiceError(e) ? e.code : String(e)),
  );

describe('delivery console and subscriber administration', () => {
  it('shows progress per channel, first-notice time against one hour, and the log of an incident', async () => {
    const db = handle.db;
    const page = await createPage(db);
    const api = await createComponent(db, page.id);
    await createSubscriber(db, page.id, { address: 'one@example.test' });
    await createSubscriber(db, page.id, { address: '=cmd|calc@example.test' });
    const detectedAt = new Date(Date.now() - 20 * 60_000);
    const { incidentId, messageId } = await postIncident(db, {
      pageId: page.id,
      components: [{ id: api.id, status: 'major_outage' }],
      at: detectedAt,
      title: '遅延',
    });

    const before = await listMessageProgress(ctx(viewer), { locale: 'ja', since: new Date(0) });
    expect(before[0]).toMatchObject({
      messageId,
      type: 'incident_opened',
      title: '遅延',
      channels: [{ channel: 'email', counts: { queued: 2 }, total: 2 }],
    });
    expect((await listFirstNotices(ctx(viewer), { locale: 'ja' }))[0]).toMatchObject({
      incidentId,
      firstSentAt: null,
      verdict: 'pending',
    });

    await new Dispatcher({ db, senders: { email: fakes.senders.email }, baseUrl: 'https://s.example.test' }).drain();
    const after = await listMessageProgress(ctx(viewer), { locale: 'ja', since: new Date(0) });
    expect(after[0].channels[0].counts).toEqual({ sent: 2 });
    const [notice] = await listFirstNotices(ctx(viewer), { locale: 'ja' });
    expect(notice.verdict).toBe('met');
    expect(notice.minutes).toBeGreaterThanOrEqual(19);
    const log = await listDeliveries(ctx(viewer), { incidentId }, { locale: 'ja' });
    expect(log.map((r) => r.recipient).sort()).toEqual(['=c••••••@example.test', 'on•@example.test']);
    expect(log.every((r) => r.status === 'sent' && r.providerMessageId)).toBe(true);
  });

  it('lists, searches and exports subscribers for writers only, with formula-safe CSV', async () => {
    expect(await refusal(listSubscribers({ ctx: ctx(viewer), input: {}, locale: 'ja' }))).toBe('forbidden');
    const found = await listSubscribers({
      ctx: ctx(operator),
      input: { q: 'ONE@', channel: 'email', state: 'active' },
      locale: 'ja',
    });
    expect(found.total).toBe(1);
    expect(found.rows[0]).toMatchObject({ address: 'one@example.test', state: 'active', components: null });
    expect((await listSubscribers({ ctx: ctx(operator), input: { q: '%' }, locale: 'ja' })).total).toBe(0);
    // A search link with 5,000 characters or a NUL is shortened and cleaned, not an error page.
    expect((await listSubscribers({ ctx: ctx(operator), input: { q: 'x'.repeat(5000) }, locale: 'ja' })).total).toBe(0);
    expect(
      (await listSubscribers({ ctx: ctx(operator), input: { q: `ONE@\u0000`, channel: 'email', state: 'active' }, locale: 'ja' }))
        .total,
    ).toBe(1);

    let csv = '';
    for await (const chunk of exportSubscribersCsv({ ctx: ctx(operator), input: {}, locale: 'ja' })) csv += chunk;
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      '\uFEFFid,channel,address,locale,state,components,created_at,confirmed_at,unsubscribed_at,disabled_reason',
    );
    expect(lines).toHaveLength(3);
    expect(csv).toContain(",'=cmd|calc@example.test,");
    await expect(exportSubscribersCsv({ ctx: ctx(viewer), input: {}, locale: 'ja' }).next()).rejects.toThrow(/forbidden/);
  });

  it('deletes a subscriber’s personal data for admins only; deliveries and a valid evidence chain remain', async () => {
    const { rows } = await listSubscribers({ ctx: ctx(admin), input: { q: 'one@' }, locale: 'ja' });
    const id = rows[0].id;
    const key = await instanceSecret(handle.db, 'recipient-hash');
    const hashed = recipientHash(key, 'email', 'one@example.test');
    expect(await refusal(removeSubscriber({ ctx: ctx(operator), input: { id } }))).toBe('forbidden');
    await removeSubscriber({ ctx: ctx(admin), input: { id } });
    expect(await refusal(removeSubscriber({ ctx: ctx(admin), input: { id } }))).toBe('not_found');

    expect((await listSubscribers({ ctx: ctx(admin), input: { q: 'one@' }, locale: 'ja' })).total).toBe(0);
    const kept = await handle.db.select().from(deliveries).where(eq(deliveries.status, 'sent'));
    expect(kept.filter((d) => d.subscriberId === null)).toHaveLength(1);
    const ledger = await handle.db.select().from(evidence).where(eq(evidence.kind, 'delivery_result'));
    expect(ledger.some((e) => e.content.recipient === hashed)).toBe(true);
    expect(JSON.stringify(ledger)).not.toContain('one@example.test');
    expect((await verifyEvidenceChain(handle.db)).ok).toBe(true);
  });
});
