import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import type { DatabaseHandle } from '../../../db/client';
import { deliveries, notificationMessages, subscribers } from '../../../db/schema';
import { createTestDatabase } from '../../../test/db';
import { createComponent, createPage } from '../../../test/factories';
import { isServiceError } from '../../errors';
import { postIncident, startFakes, type Fakes } from '../../../test/notify-fixtures';
import {
  CHATWORK_GUESSES_PER_ROOM,
  CHATWORK_REGISTER_BUDGET,
  CONFIRMATIONS_PER_DOMAIN,
  CONFIRMATIONS_PER_MAILBOX,
  SUBSCRIBE_PER_ADDRESS,
  SUBSCRIBE_PER_BLOCK,
} from './abuse-limits';
import { confirmChatworkRoom } from './confirm-chatwork';
import { registerChatworkRoom } from './register-chatwork';
import { subscribeByEmail } from './subscribe-email';

// Findings 3 and 4 of issue 15: subscribe bombing and Chatwork registration floods, at the
// service level (e2e/hardening-abuse.spec.ts repeats them over HTTP).

let handle: DatabaseHandle;
let fakes: Fakes;
let pageId: string;
let n = 0;
/** A fresh address in a fresh /24 for each call, unless one is given. */
const visitor = () => `172.16.${++n % 250}.${Math.floor(n / 250) + 1}`;
const ctx = (clientAddress = visitor(), now?: Date) => ({ db: handle.db, clientAddress, ...(now ? { now: () => now } : {}) });

beforeAll(async () => {
  [handle, fakes] = await Promise.all([createTestDatabase(), startFakes()]);
  pageId = (await createPage(handle.db, { name: 'デモ' })).id;
  await createComponent(handle.db, pageId, { name: 'API' });
});
afterAll(async () => {
  await fakes.close();
  await handle.close();
});
beforeEach(() => fakes.chatwork.reset());

async function errorKey(work: Promise<unknown>): Promise<string | null> {
  return work.then(
    () => null,
    (e: unknown) => (isServiceError(e) ? e.messageKey : String(e)),
  );
}

async function confirmationMails(): Promise<number> {
  const [row] = await handle.db
    .select({ n: sql<number>`count(*)` })
    .from(deliveries)
    .innerJoin(notificationMessages, eq(notificationMessages.id, deliveries.messageId))
    .where(eq(notificationMessages.type, 'subscription_confirmation'));
  return Number(row.n);
}

const subscribe = (email: string, c = ctx()) =>
  subscribeByEmail({ ctx: c, input: { email, locale: 'ja', choice: { scope: 'all' } } });

describe('email subscriptions (finding 3)', () => {
  it('200 plus-addressed subscriptions of one mailbox, each from another network, send 3 confirmation mails', async () => {
    const before = await confirmationMails();
    for (let i = 0; i < 200; i++) expect(await subscribe(`victim+${i}@example.jp`)).toEqual({ accepted: true });
    expect((await confirmationMails()) - before).toBe(CONFIRMATIONS_PER_MAILBOX.limit);
  });

  it('one address is refused after its limit, and a refused attempt writes no subscriber', async () => {
    const address = '198.51.100.20';
    for (let i = 0; i < SUBSCRIBE_PER_ADDRESS.limit; i++) await subscribe(`one-${i}@example.org`, ctx(address));
    expect(await errorKey(subscribe('one-extra@example.org', ctx(address)))).toBe('subscribe_too_often');
    expect(await handle.db.select().from(subscribers).where(eq(subscribers.address, 'one-extra@example.org'))).toHaveLength(0);
  });

  it('a network block is limited across its addresses (IPv4 /24, IPv6 /56)', async () => {
    for (let i = 0; i < SUBSCRIBE_PER_BLOCK.limit; i++)
      await subscribe(`block-${i}@example.net`, ctx(`2001:db8:5:${(i % 200).toString(16)}::${i + 1}`));
    expect(await errorKey(subscribe('block-extra@example.net', ctx('2001:db8:5:ff::9')))).toBe('subscribe_too_often');
    expect(await errorKey(subscribe('block-other@example.net', ctx('2001:db8:5:100::9')))).toBeNull();
  });

  it('one recipient domain gets at most its limit of confirmation mails per hour', async () => {
    for (let i = 0; i < CONFIRMATIONS_PER_DOMAIN.limit; i++) await subscribe(`staff${i}@corp.example`);
    expect(await errorKey(subscribe('staff-extra@corp.example'))).toBe('subscribe_domain_busy');
  });
});

describe('Chatwork registration (finding 4)', () => {
  const register = (roomId: string, c = ctx()) =>
    registerChatworkRoom({ ctx: c, input: { roomId, locale: 'ja', choice: { scope: 'all' } }, chatwork: fakes.senders.chatwork });

  it('a flood from many networks spends at most the registration budget of the bot quota', async () => {
    const now = new Date(Date.UTC(2026, 11, 7, 6, 1));
    const answers = [];
    for (let i = 0; i < 60; i++) answers.push(await errorKey(register(String(900_000 + i), ctx(visitor(), now))));
    expect(answers.filter((a) => a === null)).toHaveLength(CHATWORK_REGISTER_BUDGET.limit);
    expect(answers.filter((a) => a !== null).every((a) => a === 'chatwork_busy')).toBe(true);
    expect(fakes.chatwork.messages.length).toBe(CHATWORK_REGISTER_BUDGET.limit);
  });

  it('notices first: while a notice waits for Chatwork, no code is posted', async () => {
    const [room] = await handle.db
      .insert(subscribers)
      .values({ pageId, channel: 'chatwork', address: '4711', confirmedAt: new Date() })
      .returning();
    // The incident's notice is fanned out to the confirmed room and waits in the outbox.
    await postIncident(handle.db, { pageId, components: [] });
    const waiting = await handle.db.select().from(deliveries).where(eq(deliveries.subscriberId, room.id));
    expect(waiting.map((d) => d.status)).toEqual(['queued']);
    expect(await errorKey(register('4712', ctx(visitor(), new Date(Date.now() + 3_600_000))))).toBe('chatwork_busy');
    expect(fakes.chatwork.messagesIn('4712')).toHaveLength(0);
    await handle.db.delete(deliveries).where(eq(deliveries.subscriberId, room.id));
    expect(await errorKey(register('4712', ctx(visitor(), new Date(Date.now() + 3_600_000))))).toBeNull();
  });

  it('one room gets 10 code guesses a day, however many codes it asks for', async () => {
    const day = new Date(Date.UTC(2026, 11, 8, 1));
    const at = (minutes: number) => new Date(day.getTime() + minutes * 60_000);
    const answers = [];
    for (let round = 0; round < 3; round++) {
      await register('5150', ctx(visitor(), at(round * 2)));
      for (let i = 0; i < 5; i++)
        answers.push(
          await errorKey(
            confirmChatworkRoom({
              ctx: ctx(visitor(), at(round * 2 + 1)),
              input: { roomId: '5150', code: '000000' },
              chatwork: fakes.senders.chatwork,
              baseUrl: 'https://status.example.test',
            }),
          ),
        );
    }
    expect(answers.filter((a) => a === 'chatwork_guesses')).toHaveLength(15 - CHATWORK_GUESSES_PER_ROOM.limit);
  });
});
