import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { DatabaseHandle } from '../../db/client';
import { deliveries, evidence, subscribers } from '../../db/schema';
import { fakeLineUserId } from '../../e2e/fakes';
import { createTestDatabase } from '../../test/db';
import { createComponent, createPage, createSubscriber } from '../../test/factories';
import { verifyEvidenceChain } from '../evidence/verify';
import { Dispatcher } from './dispatcher';
import { instanceSecret } from '../notices/secrets';
import { postIncident, startFakes, type Fakes } from '../../test/notify-fixtures';
import { manageToken, recipientHash } from '../notices/tokens';

let handle: DatabaseHandle;
let fakes: Fakes;
beforeAll(async () => {
  [handle, fakes] = await Promise.all([createTestDatabase(), startFakes({ seed: 11 })]);
});
afterAll(async () => {
  await fakes.close();
  await handle.close();
});
beforeEach(() => {
  fakes.sink.reset();
  fakes.line.reset();
  fakes.chatwork.reset();
});

const BASE = 'https://status.example.test';
const fastRetry = { baseDelayMs: 0, maxDelayMs: 0, jitter: 0 };

function dispatcher(options: Partial<ConstructorParameters<typeof Dispatcher>[0]> = {}) {
  return new Dispatcher({ db: handle.db, senders: fakes.senders, baseUrl: BASE, retryPolicy: fastRetry, ...options });
}

async function rowsOf(messageId: string) {
  return handle.db.select().from(deliveries).where(eq(deliveries.messageId, messageId));
}

describe('dispatcher', () => {
  it('sends each confirmed subscriber of an affected component one message on their channel, and records it', async () => {
    const db = handle.db;
    const page = await createPage(db, { name: 'デモ' });
    const api = await createComponent(db, page.id, { name: 'API' });
    const web = await createComponent(db, page.id, { name: 'Web' });
    const hanako = await createSubscriber(db, page.id, { address: 'hanako@example.test' });
    const english = await createSubscriber(db, page.id, { address: 'john@example.test', locale: 'en', componentIds: [api.id] });
    await createSubscriber(db, page.id, { address: 'web-only@example.test', componentIds: [web.id] });
    await createSubscriber(db, page.id, { address: 'unconfirmed@example.test', confirmed: false });
    const lineUser = fakeLineUserId('dispatch-1');
    await createSubscriber(db, page.id, { channel: 'line', address: lineUser });
    await createSubscriber(db, page.id, { channel: 'chatwork', address: '4242' });

    const { messageId, queued } = await postIncident(db, {
      pageId: page.id,
      components: [{ id: api.id, status: 'major_outage' }],
      title: 'API [/info][toall] 停止',
    });
    expect(queued).toBe(4);
    await dispatcher().drain();

    const rows = await rowsOf(messageId);
    expect(rows.map((r) => r.status)).toEqual(['sent', 'sent', 'sent', 'sent']);
    expect(rows.every((r) => r.sentAt && r.attempts === 1 && r.providerMessageId)).toBe(true);

    const [mail] = fakes.sink.messagesTo('hanako@example.test');
    const token = manageToken(await instanceSecret(db, 'subscription-links'), hanako.id);
    expect(mail.subject).toContain('【障害発生】API [/info][toall] 停止');
    expect(mail.headers['list-unsubscribe']).toBe(`<${BASE}/u/${token}>`);
    expect(mail.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    expect(mail.text).toContain(`${BASE}/manage/${token}`);
    expect(mail.text).toContain(`${BASE}/incidents/`);
    expect(mail.html).toContain('API（停止）');
    expect(fakes.sink.messagesTo('john@example.test')[0].subject).toMatch(/^\[Incident\] /);
    expect(fakes.sink.messagesTo('web-only@example.test')).toHaveLength(0);
    expect(fakes.sink.messagesTo('unconfirmed@example.test')).toHaveLength(0);

    expect(fakes.line.received(lineUser)).toHaveLength(1);
    expect(fakes.line.received(lineUser)[0].text).toContain('【障害発生】');
    const [room] = fakes.chatwork.messagesIn('4242');
    expect(room.body).toContain('[info][title]【障害発生】API ［/info］［toall］ 停止[/title]');
    expect(room.body).not.toContain('[toall]');

    const results = await db.select().from(evidence).where(eq(evidence.kind, 'delivery_result'));
    const mine = results.filter((r) => r.content.messageId === messageId);
    expect(mine).toHaveLength(4);
    const hashKey = await instanceSecret(db, 'recipient-hash');
    expect(mine.map((r) => r.content.recipient)).toContain(recipientHash(hashKey, 'email', english.address));
    for (const address of ['hanako@example.test', english.address]) expect(JSON.stringify(mine)).not.toContain(address);
    expect(JSON.stringify(mine)).not.toContain(lineUser);
    expect((await verifyEvidenceChain(db)).ok).toBe(true);
  });

  it('retries a passing failure later and gives up on a refused address, disabling that subscriber', async () => {
    const db = handle.db;
    const page = await createPage(db);
    const api = await createComponent(db, page.id);
    await createSubscriber(db, page.id, { address: 'busy@example.test' });
    const gone = await createSubscriber(db, page.id, { address: 'gone@example.test' });
    fakes.sink.rejectAddress('gone@example.test');
    // Only the accepted recipient reaches DATA, so the 451 is busy@'s.
    fakes.sink.faults.data.failNext(1, { kind: 'reply', code: 451 });
    const now = new Date('2026-11-23T01:00:00Z');
    const slow = dispatcher({
      now: () => now,
      retryPolicy: { baseDelayMs: 60_000, maxDelayMs: 60_000, jitter: 0 },
      senders: { email: fakes.senders.email },
    });
    const { messageId } = await postIncident(db, {
      pageId: page.id,
      components: [{ id: api.id, status: 'partial_outage' }],
      at: now,
    });

    await slow.runOnce('email');
    const rows = await rowsOf(messageId);
    const busy = rows.find((r) => r.subscriberId !== gone.id)!;
    expect(busy).toMatchObject({ status: 'failed', attempts: 1 });
    expect(busy.lastError).toContain('451');
    expect(busy.nextAttemptAt.getTime()).toBe(now.getTime() + 60_000);
    expect(rows.find((r) => r.subscriberId === gone.id)).toMatchObject({ status: 'dead', attempts: 1 });
    const [goneRow] = await db.select().from(subscribers).where(eq(subscribers.id, gone.id));
    expect(goneRow.disabledAt).not.toBeNull();
    expect(goneRow.disabledReason).toContain('550');

    // Not due yet: nothing happens; after the delay it goes out.
    expect(await slow.runOnce('email')).toBe(0);
    now.setTime(now.getTime() + 60_000);
    expect(await slow.runOnce('email')).toBe(1);
    expect(fakes.sink.messagesTo('busy@example.test')).toHaveLength(1);
    expect((await rowsOf(messageId)).find((r) => r.id === busy.id)).toMatchObject({
      status: 'sent',
      attempts: 2,
      lastError: null,
    });
  });
});
