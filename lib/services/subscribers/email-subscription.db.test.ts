import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { DatabaseHandle } from '../../../db/client';
import { deliveries, subscribers } from '../../../db/schema';
import { createTestDatabase } from '../../../test/db';
import { createComponent, createPage } from '../../../test/factories';
import { installDatabase } from '../../db';
import { isServiceError } from '../../errors';
import { Dispatcher } from '../../notify/dispatcher';
import { postIncident, startFakes, type Fakes } from '../../../test/notify-fixtures';
import { POST as oneClick, GET as openUnsubscribeLink } from '../../../app/(public)/u/[token]/route';
import { confirmEmailSubscription } from './confirm-email';
import { subscribeByEmail } from './subscribe-email';
import { loadManageView } from './manage-view';
import { updateSubscriptionPreferences } from './update-preferences';

let handle: DatabaseHandle;
let fakes: Fakes;
let pageId: string;
let api: { id: string };
let web: { id: string };
const BASE = 'https://status.example.test';

beforeAll(async () => {
  [handle, fakes] = await Promise.all([createTestDatabase(), startFakes()]);
  installDatabase(handle);
  pageId = (await createPage(handle.db, { name: 'デモ' })).id;
  api = await createComponent(handle.db, pageId, { name: 'API' });
  web = await createComponent(handle.db, pageId, { name: 'Web' });
});
afterAll(async () => {
  await fakes.close();
  await handle.close();
});
beforeEach(() => fakes.sink.reset());

const dispatch = () => new Dispatcher({ db: handle.db, senders: { email: fakes.senders.email }, baseUrl: BASE }).drain();
// Each call from its own network, so these tests meet the per-visitor limits only where they mean to.
let visitor = 0;
const ctx = (now?: Date) => ({
  db: handle.db,
  clientAddress: `10.${++visitor >> 8}.${visitor & 255}.1`,
  ...(now ? { now: () => now } : {}),
});

async function expectServiceError(work: Promise<unknown>, messageKey: string) {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(isServiceError(error) && error.messageKey).toBe(messageKey);
}

function linkIn(text: string | undefined, path: string): string {
  const match = new RegExp(`${BASE}${path}([A-Za-z0-9._-]+)`).exec(text ?? '');
  expect(match, `no ${path} link in mail`).not.toBeNull();
  return match![1];
}

function oneClickRequest(token: string, body: 'urlencoded' | 'multipart') {
  const init: RequestInit =
    body === 'urlencoded'
      ? { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' }
      : { method: 'POST', body: (() => ((f) => (f.append('List-Unsubscribe', 'One-Click'), f))(new FormData()))() };
  return oneClick(new Request(`${BASE}/u/${token}`, init), { params: Promise.resolve({ token }) });
}

describe('email subscription', () => {
  it('double opt-in: nothing before confirming, then notices with a one-click unsubscribe that works once and for all', async () => {
    await subscribeByEmail({
      ctx: ctx(),
      input: { email: ' Hanako@Example.test ', locale: 'ja', choice: { scope: 'some', componentIds: [api.id] } },
    });
    const [row] = await handle.db.select().from(subscribers).where(eq(subscribers.address, 'hanako@example.test'));
    expect(row).toMatchObject({ confirmedAt: null, allComponents: false });

    // An incident before confirming reaches nobody; the confirmation mail goes out.
    const early = await postIncident(handle.db, { pageId, components: [{ id: api.id, status: 'major_outage' }] });
    expect(early.queued).toBe(0);
    await dispatch();
    const [confirmation] = fakes.sink.messagesTo('hanako@example.test');
    expect(confirmation.subject).toContain('登録の確認');
    expect(confirmation.headers['list-unsubscribe']).toBeUndefined();
    const confirmToken = linkIn(confirmation.text, '/subscribe/confirm/');

    const confirmed = await confirmEmailSubscription({ ctx: ctx(), token: confirmToken });
    expect(confirmed.state).toBe('confirmed');
    expect((await confirmEmailSubscription({ ctx: ctx(), token: confirmToken })).state).toBe('already_confirmed');

    fakes.sink.reset();
    const first = await postIncident(handle.db, {
      pageId,
      components: [{ id: api.id, status: 'major_outage' }],
      title: '決済 API の停止',
    });
    expect(first.queued).toBe(1);
    await dispatch();
    const [notice] = fakes.sink.messagesTo('hanako@example.test');
    expect(notice.subject).toContain('決済 API の停止');
    const token = linkIn(notice.headers['list-unsubscribe'], '/u/');
    expect(token).toBe(confirmed.manageToken);
    expect(notice.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    expect(linkIn(notice.text, '/manage/')).toBe(token);

    // Web-only incidents do not concern an API-only subscriber.
    expect((await postIncident(handle.db, { pageId, components: [{ id: web.id, status: 'partial_outage' }] })).queued).toBe(0);

    const response = await oneClickRequest(token, 'urlencoded');
    expect(response.status).toBe(200);
    expect(response.headers.get('location')).toBeNull();
    expect((await oneClickRequest(token, 'multipart')).status).toBe(200);
    expect((await loadManageView(handle.db, token)).state).toBe('unsubscribed');

    fakes.sink.reset();
    expect((await postIncident(handle.db, { pageId, components: [{ id: api.id, status: 'major_outage' }] })).queued).toBe(0);
    await dispatch();
    expect(fakes.sink.messagesTo('hanako@example.test')).toHaveLength(0);
  });

  it('one-click accepts multipart first, refuses an unknown token with 404, and a GET lands on the manage page', async () => {
    await subscribeByEmail({ ctx: ctx(), input: { email: 'taro@example.test', locale: 'en', choice: { scope: 'all' } } });
    await dispatch();
    const confirmed = await confirmEmailSubscription({
      ctx: ctx(),
      token: linkIn(fakes.sink.messagesTo('taro@example.test')[0].text, '/subscribe/confirm/'),
    });
    expect((await oneClickRequest(confirmed.manageToken, 'multipart')).status).toBe(200);
    expect((await oneClickRequest(confirmed.manageToken, 'urlencoded')).status).toBe(200);
    expect((await oneClickRequest('A'.repeat(43), 'urlencoded')).status).toBe(404);
    expect((await oneClickRequest('not-a-token', 'urlencoded')).status).toBe(404);
    const opened = await openUnsubscribeLink(new Request(`${BASE}/u/${confirmed.manageToken}`), {
      params: Promise.resolve({ token: confirmed.manageToken }),
    });
    expect(opened.status).toBe(303);
    expect(opened.headers.get('location')).toBe(`/manage/${confirmed.manageToken}`);
  });

  it('refuses tampered and expired confirmation links, and throttles repeated requests', async () => {
    const at = new Date('2026-11-23T00:00:00Z');
    await subscribeByEmail({ ctx: ctx(at), input: { email: 'late@example.test', locale: 'ja', choice: { scope: 'all' } } });
    await subscribeByEmail({
      ctx: ctx(new Date(at.getTime() + 60_000)),
      input: { email: 'late@example.test', locale: 'ja', choice: { scope: 'all' } },
    });
    const [row] = await handle.db.select().from(subscribers).where(eq(subscribers.address, 'late@example.test'));
    expect(await handle.db.select().from(deliveries).where(eq(deliveries.subscriberId, row.id))).toHaveLength(1);

    await dispatch();
    const token = linkIn(fakes.sink.messagesTo('late@example.test')[0].text, '/subscribe/confirm/');
    // The first character, not the last: base64url's last character may carry only padding bits.
    const tampered = token.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
    await expectServiceError(confirmEmailSubscription({ ctx: ctx(at), token: tampered }), 'confirmation_invalid');
    await expectServiceError(
      confirmEmailSubscription({ ctx: ctx(new Date(at.getTime() + 49 * 3_600_000)), token }),
      'confirmation_expired',
    );
    expect((await confirmEmailSubscription({ ctx: ctx(new Date(at.getTime() + 47 * 3_600_000)), token })).state).toBe(
      'confirmed',
    );
  });

  it('lets the token holder change components and language, and rejects components of nobody’s page', async () => {
    await subscribeByEmail({ ctx: ctx(), input: { email: 'prefs@example.test', locale: 'ja', choice: { scope: 'all' } } });
    await dispatch();
    const { manageToken: token } = await confirmEmailSubscription({
      ctx: ctx(),
      token: linkIn(fakes.sink.messagesTo('prefs@example.test')[0].text, '/subscribe/confirm/'),
    });
    await updateSubscriptionPreferences({
      ctx: ctx(),
      input: { token, locale: 'en', choice: { scope: 'some', componentIds: [web.id] } },
    });
    expect(await loadManageView(handle.db, token)).toMatchObject({
      state: 'active',
      locale: 'en',
      allComponents: false,
      componentIds: [web.id],
      maskedAddress: 'pr•••@example.test',
    });
    await expectServiceError(
      updateSubscriptionPreferences({
        ctx: ctx(),
        input: { token, locale: 'en', choice: { scope: 'some', componentIds: [crypto.randomUUID()] } },
      }),
      'unknown_component',
    );
    expect((await loadManageView(handle.db, token)).componentIds).toEqual([web.id]);
    await expectServiceError(
      subscribeByEmail({ ctx: ctx(), input: { email: 'not an address', locale: 'ja', choice: { scope: 'all' } } }),
      'invalid_input',
    );
  });
});
