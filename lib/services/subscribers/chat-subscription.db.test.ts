import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { messagingApi } from '@line/bot-sdk';
import type { DatabaseHandle } from '../../../db/client';
import { subscribers } from '../../../db/schema';
import {
  fakeLineUserId,
  followEvent,
  lineWebhookBody,
  signLineBody,
  textMessageEvent,
  unfollowEvent,
  type LineWebhookEvent,
} from '../../../e2e/fakes';
import { createTestDatabase } from '../../../test/db';
import { createComponent, createPage } from '../../../test/factories';
import { isServiceError } from '../../errors';
import { Dispatcher } from '../../notify/dispatcher';
import { handleLineWebhook } from '../../notify/line-webhook';
import { postIncident, startFakes, type Fakes } from '../../../test/notify-fixtures';
import { confirmChatworkRoom } from './confirm-chatwork';
import { loadManageView } from './manage-view';
import { registerChatworkRoom } from './register-chatwork';

let handle: DatabaseHandle;
let fakes: Fakes;
let pageId: string;
let api: { id: string };
const BASE = 'https://status.example.test';
const SECRET = 'line-channel-secret-for-tests';

beforeAll(async () => {
  [handle, fakes] = await Promise.all([createTestDatabase(), startFakes()]);
  pageId = (await createPage(handle.db, { name: 'デモ' })).id;
  api = await createComponent(handle.db, pageId, { name: 'API' });
});
afterAll(async () => {
  await fakes.close();
  await handle.close();
});
beforeEach(() => {
  fakes.chatwork.reset();
  fakes.line.reset();
});

// Each call from its own network, so these tests meet the per-visitor limits only where they mean to.
let visitor = 0;
const ctx = (now?: Date) => ({
  db: handle.db,
  clientAddress: `10.${++visitor >> 8}.${visitor & 255}.1`,
  ...(now ? { now: () => now } : {}),
});

async function errorKey(work: Promise<unknown>): Promise<string | null> {
  return work.then(
    () => null,
    (e: unknown) => (isServiceError(e) ? e.messageKey : String(e)),
  );
}

const codeIn = (body: string) => /(\d{6})/.exec(body.split('\n').find((l) => /\d{6}/.test(l)) ?? '')?.[1] ?? '';

describe('Chatwork room subscription', () => {
  it('posts a code into the room, activates on the right code, and then delivers notices there', async () => {
    const chatwork = fakes.senders.chatwork;
    await registerChatworkRoom({ ctx: ctx(), input: { roomId: '1001', locale: 'ja', choice: { scope: 'all' } }, chatwork });
    const [codeMessage] = fakes.chatwork.messagesIn('1001');
    expect(codeMessage.body).toMatch(/^\[info\]\[title\].+確認コード\[\/title\]/);
    const code = codeIn(codeMessage.body);
    expect(code).toMatch(/^\d{6}$/);
    const [pending] = await handle.db.select().from(subscribers).where(eq(subscribers.address, '1001'));
    expect(pending.confirmedAt).toBeNull();
    expect(pending.confirmCodeHash).not.toContain(code);

    expect((await postIncident(handle.db, { pageId, components: [{ id: api.id, status: 'major_outage' }] })).queued).toBe(0);
    const wrong = code === '000000' ? '000001' : '000000';
    expect(
      await errorKey(confirmChatworkRoom({ ctx: ctx(), input: { roomId: '1001', code: wrong }, chatwork, baseUrl: BASE })),
    ).toBe('chatwork_code_wrong');

    const { manageToken } = await confirmChatworkRoom({ ctx: ctx(), input: { roomId: '1001', code }, chatwork, baseUrl: BASE });
    expect((await loadManageView(handle.db, manageToken)).state).toBe('active');
    expect(fakes.chatwork.messagesIn('1001')[1].body).toContain(`${BASE}/manage/${manageToken}`);
    expect(await errorKey(confirmChatworkRoom({ ctx: ctx(), input: { roomId: '1001', code }, chatwork, baseUrl: BASE }))).toBe(
      'chatwork_code_missing',
    );
    expect(
      await errorKey(
        registerChatworkRoom({ ctx: ctx(), input: { roomId: '1001', locale: 'ja', choice: { scope: 'all' } }, chatwork }),
      ),
    ).toBe('chatwork_already_subscribed');

    await postIncident(handle.db, { pageId, components: [{ id: api.id, status: 'major_outage' }], title: 'ログイン障害' });
    await new Dispatcher({ db: handle.db, senders: { chatwork }, baseUrl: BASE }).drain();
    expect(fakes.chatwork.messagesIn('1001').at(-1)!.body).toContain('[title]【障害発生】ログイン障害[/title]');
  });

  it('voids a code after five wrong tries or 30 minutes, and throttles new codes per room', async () => {
    const chatwork = fakes.senders.chatwork;
    const at = new Date('2026-11-23T00:00:00Z');
    const later = (minutes: number) => new Date(at.getTime() + minutes * 60_000);
    await registerChatworkRoom({ ctx: ctx(at), input: { roomId: '2002', locale: 'en', choice: { scope: 'all' } }, chatwork });
    const code = codeIn(fakes.chatwork.messagesIn('2002')[0].body);
    const wrong = code === '111111' ? '222222' : '111111';
    expect(
      await errorKey(
        registerChatworkRoom({
          ctx: ctx(later(0.5)),
          input: { roomId: '2002', locale: 'en', choice: { scope: 'all' } },
          chatwork,
        }),
      ),
    ).toBe('chatwork_code_recent');
    const tries = [];
    for (let i = 0; i < 5; i++)
      tries.push(
        await errorKey(
          confirmChatworkRoom({ ctx: ctx(later(1)), input: { roomId: '2002', code: wrong }, chatwork, baseUrl: BASE }),
        ),
      );
    expect(tries).toEqual([
      'chatwork_code_wrong',
      'chatwork_code_wrong',
      'chatwork_code_wrong',
      'chatwork_code_wrong',
      'chatwork_code_exhausted',
    ]);
    expect(
      await errorKey(confirmChatworkRoom({ ctx: ctx(later(1)), input: { roomId: '2002', code }, chatwork, baseUrl: BASE })),
    ).toBe('chatwork_code_missing');

    await registerChatworkRoom({
      ctx: ctx(later(2)),
      input: { roomId: '2002', locale: 'en', choice: { scope: 'all' } },
      chatwork,
    });
    const second = codeIn(fakes.chatwork.messagesIn('2002')[1].body);
    expect(
      await errorKey(
        confirmChatworkRoom({ ctx: ctx(later(33)), input: { roomId: '2002', code: second }, chatwork, baseUrl: BASE }),
      ),
    ).toBe('chatwork_code_expired');
  });

  it('says so when the service account cannot post in the room, and lets the person retry at once', async () => {
    const chatwork = fakes.senders.chatwork;
    fakes.chatwork.setRoomAccess('3003', 'forbidden');
    expect(
      await errorKey(
        registerChatworkRoom({ ctx: ctx(), input: { roomId: '3003', locale: 'ja', choice: { scope: 'all' } }, chatwork }),
      ),
    ).toBe('chatwork_room_unreachable');
    fakes.chatwork.setRoomAccess('3003', undefined);
    await registerChatworkRoom({ ctx: ctx(), input: { roomId: '3003', locale: 'ja', choice: { scope: 'all' } }, chatwork });
    expect(fakes.chatwork.messagesIn('3003')).toHaveLength(1);
    expect(
      await errorKey(
        registerChatworkRoom({ ctx: ctx(), input: { roomId: 'abc', locale: 'ja', choice: { scope: 'all' } }, chatwork }),
      ),
    ).toBe('invalid_input');
  });
});

describe('LINE webhook', () => {
  const reply = async (replyToken: string, text: string) => {
    const client = new messagingApi.MessagingApiClient({
      channelAccessToken: fakes.line.channelAccessToken,
      baseURL: fakes.line.url,
    });
    await client.replyMessage({ replyToken, messages: [{ type: 'text', text }] });
  };
  const post = (events: LineWebhookEvent[], signature?: string) => {
    const body = lineWebhookBody(events);
    return handleLineWebhook({
      ctx: ctx(),
      rawBody: Buffer.from(body),
      signature: signature === undefined ? signLineBody(body, SECRET) : signature,
      channelSecret: SECRET,
      reply,
      baseUrl: BASE,
    });
  };

  it('follow subscribes the user to everything and replies with the manage link; notices then reach them by multicast', async () => {
    const userId = fakeLineUserId('follower');
    expect((await post([followEvent(userId, fakes.line.issueReplyToken(userId))])).status).toBe(200);
    const [row] = await handle.db.select().from(subscribers).where(eq(subscribers.address, userId));
    expect(row).toMatchObject({ channel: 'line', allComponents: true });
    expect(row.confirmedAt).not.toBeNull();
    const [welcome] = fakes.line.received(userId);
    expect(welcome.text).toContain(`${BASE}/manage/`);

    await post([textMessageEvent(userId, '設定', fakes.line.issueReplyToken(userId))]);
    expect(fakes.line.received(userId)[1].text).toContain(`${BASE}/manage/`);

    await postIncident(handle.db, { pageId, components: [{ id: api.id, status: 'major_outage' }] });
    await new Dispatcher({ db: handle.db, senders: { line: fakes.senders.line }, baseUrl: BASE }).drain();
    const multicast = fakes.line.deliveries.find((d) => d.endpoint === 'multicast')!;
    expect(multicast.to).toContain(userId);
    expect(multicast.retryKey).toMatch(/^[0-9a-f-]{36}$/);

    await post([unfollowEvent(userId)]);
    const [left] = await handle.db.select().from(subscribers).where(eq(subscribers.address, userId));
    expect(left.unsubscribedAt).not.toBeNull();
  });

  it('acts on each event once: a replayed follow (same body and signature) after an unfollow does not subscribe again', async () => {
    const userId = fakeLineUserId('replayed');
    const follow = lineWebhookBody([{ ...followEvent(userId), timestamp: Date.now() - 60_000 }]);
    const send = (body: string) =>
      handleLineWebhook({
        ctx: ctx(),
        rawBody: Buffer.from(body),
        signature: signLineBody(body, SECRET),
        channelSecret: SECRET,
        reply,
        baseUrl: BASE,
      });
    const state = async () => (await handle.db.select().from(subscribers).where(eq(subscribers.address, userId)))[0];
    expect((await send(follow)).status).toBe(200);
    expect((await state()).unsubscribedAt).toBeNull();
    await post([unfollowEvent(userId)]);
    expect((await state()).unsubscribedAt).not.toBeNull();
    // The captured follow, byte for byte, and the same event id marked as a redelivery with a new time.
    expect((await send(follow)).status).toBe(200);
    const [original] = JSON.parse(follow).events;
    await post([{ ...original, deliveryContext: { isRedelivery: true }, timestamp: original.timestamp + 1 }]);
    expect((await state()).unsubscribedAt).not.toBeNull();
    // A follow older than the unfollow, with a fresh id (a delayed redelivery), is ignored too.
    await post([{ ...followEvent(userId), timestamp: original.timestamp + 2 }]);
    expect((await state()).unsubscribedAt).not.toBeNull();
    // A genuinely new follow subscribes again.
    await post([followEvent(userId)]);
    expect((await state()).unsubscribedAt).toBeNull();
  });

  it('refuses a missing, wrong or replayed-with-another-body signature with 401 and changes nothing', async () => {
    const userId = fakeLineUserId('intruder');
    const signedOther = signLineBody(lineWebhookBody([followEvent(fakeLineUserId('someone-else'))]), SECRET);
    for (const signature of [
      '',
      'bm90IGEgc2lnbmF0dXJl',
      signedOther,
      signLineBody(lineWebhookBody([followEvent(userId)]), 'other-secret'),
    ]) {
      expect((await post([followEvent(userId)], signature)).status).toBe(401);
    }
    expect(await handle.db.select().from(subscribers).where(eq(subscribers.address, userId))).toHaveLength(0);
    const unconfigured = await handleLineWebhook({
      ctx: ctx(),
      rawBody: Buffer.from('{}'),
      signature: 'x',
      channelSecret: undefined,
      reply,
      baseUrl: BASE,
    });
    expect(unconfigured.status).toBe(404);
  });
});
