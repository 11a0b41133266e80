import { expect, test, type Page } from '@playwright/test';
import { sql } from 'drizzle-orm';
import { subscribers } from '../db/schema';
import { fakeLineUserId } from './fakes';
import { createApiKey } from '../lib/services/api-keys/create';
import { systemActor } from '../lib/services/context';
import { startHardeningApp, type HardeningApp } from '../test/hardening/e2e-app';
import { NO_POSTGRES, postgresAnswers } from '../test/hardening/processes';
import {
  CHATWORK_ROOM_PAYLOADS,
  INJECTION_CORPUS,
  LINE_OVERFLOW_BODY,
  SUBSCRIBER_PAYLOADS,
} from '../test/hardening/injection-corpus';

// The injection corpus posted as incident text through the management API, and typed into the
// public subscribe forms, against the production build: in Chromium no dialog opens and no
// injected script runs on the public pages, in the mails the server sent, or after a subscriber's
// input is echoed back. Channel bodies are checked in test/hardening/injection-channels.test.ts.

test.describe.configure({ mode: 'serial' });
test.setTimeout(180_000);

let app: HardeningApp;
const incidentIds: string[] = [];
const dialogs: string[] = [];
const LINE_USER = fakeLineUserId('injection-e2e');

test.beforeAll(async () => {
  test.setTimeout(240_000);
  test.skip(!(await postgresAnswers()), NO_POSTGRES);
  app = await startHardeningApp();
  const { db } = app.handle;
  await db.insert(subscribers).values([
    { pageId: app.fixtures.pageId, channel: 'email', address: 'injection-reader@example.test', confirmedAt: new Date() },
    { pageId: app.fixtures.pageId, channel: 'line', address: LINE_USER, confirmedAt: new Date() },
  ]);
  const { key } = await createApiKey({ ctx: { db, actor: systemActor('injection') }, input: { name: 'injection' } });
  // A few payloads per incident (title and body), so the whole corpus is on the page in ten posts.
  const groups = Array.from({ length: Math.ceil(INJECTION_CORPUS.length / 4) }, (_, i) =>
    INJECTION_CORPUS.slice(i * 4, i * 4 + 4),
  );
  const posts = [
    ...groups.map((group) => ({ name: group.join(' ').slice(0, 200), body: group.join('\n') })),
    { name: 'あ'.repeat(200), body: LINE_OVERFLOW_BODY },
  ];
  for (const post of posts) {
    const response = await fetch(`${app.url}/api/v1/pages/${app.fixtures.pageId}/incidents`, {
      method: 'POST',
      headers: { authorization: `OAuth ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        incident: { ...post, status: 'investigating', components: { [app.fixtures.componentId]: 'major_outage' } },
      }),
    });
    expect(response.status, await response.clone().text()).toBe(201);
    incidentIds.push(((await response.json()) as { id: string }).id);
  }
});
test.afterAll(async () => {
  await app?.stop();
});

/** Opens a page and checks nothing injected ran or became markup. */
async function expectInert(page: Page, url: string) {
  await page.goto(url.startsWith('http') ? url : app.url + url);
  await page.waitForLoadState('load');
  const found = await page.evaluate(() => ({
    pwned: (window as unknown as { __pwned?: string }).__pwned ?? null,
    injected: document.querySelectorAll(
      'main script, main img[onerror], main svg[onload], main iframe[srcdoc], main details[ontoggle], main meta[http-equiv], a[href^="javascript:" i], [autofocus][onfocus]',
    ).length,
  }));
  expect(found, url).toEqual({ pwned: null, injected: 0 });
}

test.beforeEach(({ page }) => {
  page.on('dialog', (dialog) => {
    dialogs.push(`${page.url()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
});
test.afterEach(() => {
  expect(dialogs).toEqual([]);
});

test('the public page, history, every incident page and the embed show the corpus as text and run none of it', async ({
  page,
}) => {
  // The pre-rendered `/` follows the change events; wait for the last post to be on it.
  await expect.poll(async () => (await (await fetch(`${app.url}/`)).text()).includes('あああ'), { timeout: 30_000 }).toBe(true);
  await expectInert(page, '/');
  await expect(page.getByText(`<script>alert('xss-script')</script>`).first()).toBeVisible();
  await expectInert(page, '/history');
  await expectInert(page, '/embed');
  for (const id of incidentIds) await expectInert(page, `/incidents/${id}`);
  await expectInert(page, '/?lang=en');
});

test('every mail the server sent, opened in Chromium with scripts on, runs nothing', async ({ page }) => {
  // Every incident's notice (maintenance notices of the fixtures may come too).
  await expect
    .poll(() => app.sink.messagesTo('injection-reader@example.test').length, { timeout: 60_000 })
    .toBeGreaterThanOrEqual(incidentIds.length);
  await page.route('**/*', (route) => route.abort());
  for (const message of app.sink.messagesTo('injection-reader@example.test')) {
    expect(message.headers.bcc).toBeUndefined();
    await page.setContent(message.html ?? '', { waitUntil: 'load' });
    const found = await page.evaluate(() => ({
      pwned: (window as unknown as { __pwned?: string }).__pwned ?? null,
      scripts: document.scripts.length,
      handlers: document.querySelectorAll('[onerror],[onload],[onfocus],[ontoggle],[onmouseover]').length,
    }));
    expect(found, message.subject).toEqual({ pwned: null, scripts: 0, handlers: 0 });
  }
  // LINE got every notice, each within its limit.
  await expect.poll(() => app.line.received(LINE_USER).length, { timeout: 30_000 }).toBeGreaterThanOrEqual(incidentIds.length);
  for (const text of app.line.received(LINE_USER).map((m) => (m as { text?: string }).text ?? ''))
    expect(text.length).toBeLessThanOrEqual(5_000);
});

test('hostile subscriber input in the public forms is refused or stored as text; confirmation mail headers stay intact', async ({
  page,
}) => {
  for (const value of SUBSCRIBER_PAYLOADS) {
    await page.goto(`${app.url}/subscribe`);
    const email = page.locator('input[name="email"]');
    // Past the browser's own checks, so the server's are what is tested.
    await email.evaluate((el: HTMLInputElement) => {
      el.type = 'text';
      el.removeAttribute('maxlength');
      el.form?.setAttribute('novalidate', '');
    });
    await email.fill(value);
    await page.getByRole('button', { name: '確認メールを送る' }).click();
    await expect(page.locator('[role="alert"], [role="status"]').first()).toBeVisible();
    await expectInert(page, page.url());
  }
  for (const value of CHATWORK_ROOM_PAYLOADS) {
    await page.goto(`${app.url}/subscribe`);
    const room = page.locator('input[name="roomId"]');
    await room.evaluate((el: HTMLInputElement) => {
      el.removeAttribute('maxlength');
      el.form?.setAttribute('novalidate', '');
    });
    await room.fill(value);
    await page.getByRole('button', { name: '確認コードを投稿する' }).click();
    await expect(page.locator('[role="alert"], [role="status"]').first()).toBeVisible();
  }
  const stored = await app.handle.db.execute(sql`select address from subscribers where channel = 'email'`);
  const addresses = ((stored as { rows?: { address: string }[] }).rows ?? (stored as unknown as { address: string }[])).map(
    (r) => r.address,
  );
  for (const address of addresses) expect(address).not.toMatch(/[\r\n<>]/);
  for (const message of app.sink.messages) {
    expect(message.envelope.to).toHaveLength(1);
    expect(message.headers.bcc).toBeUndefined();
  }
  // Nothing reached a Chatwork room that was not a plain number.
  for (const value of CHATWORK_ROOM_PAYLOADS.filter((v) => !/^\d{1,20}$/.test(v)))
    expect(app.chatwork.messagesIn(value)).toEqual([]);
});
