import { expect, test, type Page } from '@playwright/test';
import { fakeLineUserId, followEvent, lineWebhookBody, signLineBody } from './fakes';
import { eventually, LINE_SECRET, openIncident, postUpdate, signInAsAdmin, startNotifyApp, type NotifyApp } from './notify-app';

const PORT = Number(process.env.E2E_NOTIFY_PORT ?? 3107);
let app: NotifyApp;

test.describe.configure({ mode: 'serial' });
test.use({ baseURL: `http://127.0.0.1:${PORT}` });
test.beforeAll(async () => {
  test.setTimeout(120_000);
  app = await startNotifyApp(PORT);
});
test.afterAll(async () => {
  await app?.stop();
});

const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const mailsTo = (address: string) => app.sink.messagesTo(address);

/** Subscribes on the public page and confirms through the link in the email; returns the manage token. */
async function subscribeByEmail(page: Page, address: string, component?: string): Promise<string> {
  await page.goto('/subscribe');
  const form = page.getByRole('form', { name: 'メールで受け取る' });
  await form.getByLabel('メールアドレス').fill(address);
  if (component) await form.getByLabel(component).check();
  await form.getByRole('button', { name: '確認メールを送る' }).click();
  await expect(form.getByRole('status')).toContainText('確認メールを送りました');
  const [confirmation] = await eventually(
    () => mailsTo(address),
    (mails) => mails.length === 1,
  );
  const link = /http:\/\/127\.0\.0\.1:\d+(\/subscribe\/confirm\/\S+)/.exec(confirmation.text ?? '')![1];
  await page.goto(link);
  await page.getByRole('button', { name: '登録を完了する' }).click();
  await expect(page.getByRole('status').first()).toContainText('登録が完了しました');
  return /\/manage\/([A-Za-z0-9_-]+)/.exec(page.url())![1];
}

test('email: subscribe, confirm, receive with one-click headers, unsubscribe in one click, receive nothing more', async ({
  page,
  browser,
  request,
}) => {
  const customer = await (await browser.newContext({ locale: 'ja-JP', baseURL: app.url })).newPage();
  const hanako = `hanako-${unique()}@example.test`;
  const control = `control-${unique()}@example.test`;
  const token = await subscribeByEmail(customer, hanako, '通話録音');
  await subscribeByEmail(customer, control);

  await signInAsAdmin(page);
  const title = `録音の再生不可 ${unique()}`;
  const incidentUrl = await openIncident(page, title, { 通話録音: 'major_outage' });
  const [, notice] = await eventually(
    () => mailsTo(hanako),
    (mails) => mails.length === 2,
  );
  expect(notice.subject).toContain(`【障害発生】${title}`);
  expect(notice.headers['list-unsubscribe']).toBe(`<${app.url}/u/${token}>`);
  expect(notice.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
  expect(notice.text).toContain(`${app.url}/manage/${token}`);
  expect(notice.text).toContain('通話録音（停止）');

  // The one-click POST a mail provider sends: no cookie, no redirect, and repeating it is harmless.
  const urlencoded = await request.post(`${app.url}/u/${token}`, { form: { 'List-Unsubscribe': 'One-Click' }, maxRedirects: 0 });
  expect(urlencoded.status()).toBe(200);
  const multipart = await request.post(`${app.url}/u/${token}`, {
    multipart: { 'List-Unsubscribe': 'One-Click' },
    maxRedirects: 0,
  });
  expect(multipart.status()).toBe(200);

  await postUpdate(page, incidentUrl, 'ストレージの障害が原因と判明しました。');
  await eventually(
    () => mailsTo(control),
    (mails) => mails.some((m) => m.subject.includes('【障害情報更新】')),
  );
  expect(mailsTo(hanako)).toHaveLength(2);
  await customer.goto(`/manage/${token}`);
  await expect(customer.getByText('お知らせを停止しています。')).toBeVisible();
});

test('LINE: a signed follow subscribes the user, an incident reaches them by multicast; a bad signature is refused', async ({
  page,
  request,
}) => {
  const userId = fakeLineUserId(`e2e-${unique()}`);
  const body = lineWebhookBody([followEvent(userId, app.line.issueReplyToken(userId))]);
  const bad = await request.post('/api/webhooks/line', {
    data: body,
    headers: { 'content-type': 'application/json', 'x-line-signature': signLineBody(body, 'wrong-secret') },
  });
  expect(bad.status()).toBe(401);
  expect(app.line.received(userId)).toHaveLength(0);

  const good = await request.post('/api/webhooks/line', {
    data: body,
    headers: { 'content-type': 'application/json', 'x-line-signature': signLineBody(body, LINE_SECRET) },
  });
  expect(good.status()).toBe(200);
  expect(app.line.received(userId)[0].text).toContain(`${app.url}/manage/`);

  await signInAsAdmin(page);
  const title = `着信できない ${unique()}`;
  await openIncident(page, title, { クリックカウント: 'partial_outage' });
  const [, notice] = await eventually(
    () => app.line.received(userId),
    (messages) => messages.length === 2,
  );
  expect(notice.text).toContain(`【障害発生】${title}`);
  const multicast = app.line.deliveries.find((d) => d.endpoint === 'multicast' && d.to.includes(userId))!;
  expect(multicast.retryKey).toMatch(/^[0-9a-f-]{36}$/);
});

test('Chatwork: a room registers with the code posted into it, then receives incidents', async ({ page }) => {
  const room = String(700_000_000 + Math.floor(Math.random() * 1_000_000));
  await page.goto('/subscribe');
  const form = page.getByRole('form', { name: 'Chatworkで受け取る' });
  await form.getByLabel('ルームID').fill(room);
  await form.getByRole('button', { name: '確認コードを投稿する' }).click();
  await expect(form.getByRole('status')).toContainText(`ルーム ${room} に確認コードを投稿しました`);
  const code = /確認コード: (\d{6})/.exec(app.chatwork.messagesIn(room)[0].body)![1];
  await page.getByLabel('確認コード（6桁）').fill(code);
  await page.getByRole('button', { name: '登録を完了する' }).click();
  await expect(page.getByRole('status').first()).toContainText('登録が完了しました');
  expect(app.chatwork.messagesIn(room)[1].body).toContain(`${app.url}/manage/`);

  await signInAsAdmin(page);
  const title = `管理画面に入れない [/info][toall] ${unique()}`;
  await openIncident(page, title, { 通話録音: 'degraded_performance' });
  const messages = await eventually(
    () => app.chatwork.messagesIn(room),
    (m) => m.length === 3,
  );
  expect(messages[2].body).toContain('【障害発生】管理画面に入れない ［/info］［toall］');
  expect(messages[2].body).not.toContain('[toall]');
});

test('with the fakes failing 30 % of calls, every subscriber still receives the incident exactly once', async ({
  page,
  browser,
  request,
}) => {
  test.setTimeout(150_000);
  const customer = await (await browser.newContext({ locale: 'ja-JP', baseURL: app.url })).newPage();
  const emails = [`f1-${unique()}@example.test`, `f2-${unique()}@example.test`];
  for (const address of emails) await subscribeByEmail(customer, address);
  const users = Array.from({ length: 5 }, (_, i) => fakeLineUserId(`faults-${i}-${unique()}`));
  for (const userId of users) {
    const body = lineWebhookBody([followEvent(userId)]);
    await request.post('/api/webhooks/line', {
      data: body,
      headers: { 'content-type': 'application/json', 'x-line-signature': signLineBody(body, LINE_SECRET) },
    });
  }

  app.sink.faults.rcpt.setRate({
    rate: 0.3,
    faults: [{ kind: 'reply', code: 451 }, { kind: 'reply', code: 421 }, { kind: 'drop' }],
  });
  app.line.faults.setRate({
    rate: 0.3,
    faults: [
      { kind: 'status', status: 500 },
      { kind: 'status', status: 429, retryAfterSec: 1 },
      { kind: 'accept-then-drop' },
      { kind: 'drop' },
    ],
  });
  app.chatwork.faults.setRate({
    rate: 0.3,
    faults: [
      { kind: 'status', status: 502 },
      { kind: 'status', status: 429, retryAfterSec: 1 },
    ],
  });
  // With this few calls the random draws may all pass: the first mail and multicast fail for sure.
  app.sink.faults.rcpt.failNext(1, { kind: 'reply', code: 451 });
  app.line.faults.failNext(1, { kind: 'status', status: 500 });
  try {
    await signInAsAdmin(page);
    const title = `フォールト試験 ${unique()}`;
    await openIncident(page, title, { 通話録音: 'major_outage' });
    for (const address of emails) {
      await eventually(
        () => mailsTo(address),
        (mails) => mails.some((m) => m.subject.includes(title)),
        90_000,
      );
    }
    for (const userId of users) {
      await eventually(
        () => app.line.received(userId),
        (messages) => messages.some((m) => m.text?.includes(title)),
        90_000,
      );
    }
    const rooms = [...new Set(app.chatwork.messages.map((m) => m.roomId))];
    for (const room of rooms)
      await eventually(
        () => app.chatwork.messagesIn(room),
        (m) => m.some((x) => x.body.includes(title)),
        90_000,
      );

    for (const address of emails) expect(mailsTo(address).filter((m) => m.subject.includes(title))).toHaveLength(1);
    for (const userId of users) expect(app.line.received(userId).filter((m) => m.text?.includes(title))).toHaveLength(1);
    for (const room of rooms) expect(app.chatwork.messagesIn(room).filter((m) => m.body.includes(title))).toHaveLength(1);
    expect(app.line.stats().faultsInjected + app.sink.stats().faultsInjected).toBeGreaterThan(0);

    await page.goto('/admin/deliveries');
    await expect(page.getByRole('heading', { name: '送信できなかった配信' })).toBeVisible();
    await expect(page.getByText('失敗した配信はありません。')).toBeVisible();
  } finally {
    app.sink.faults.rcpt.setRate(undefined);
    app.line.faults.setRate(undefined);
    app.chatwork.faults.setRate(undefined);
  }
});
