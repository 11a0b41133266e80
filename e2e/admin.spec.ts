import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { ADMIN, expectSaved, gotoReady, inviteUser, signIn, unique } from './admin-helpers';

const OPERATOR_PASSWORD = 'operator-pass-2026';

/** What customers see: the public page and the incident page, fetched fresh without a session. */
async function expectPublic(customer: Page, title: string, check: { status: string; text: string; componentStatus?: string }) {
  await expect(async () => {
    await customer.goto('/');
    const card = customer.locator('.incident-card', { hasText: title }).first();
    await expect(card).toContainText(check.status, { timeout: 1000 });
  }).toPass({ timeout: 15_000 });
  if (check.componentStatus) {
    await expect(customer.locator('li.component', { hasText: '通話録音' }).first()).toContainText(check.componentStatus);
  }
  await customer.locator('.incident-card', { hasText: title }).first().getByRole('link', { name: title }).click();
  await expect(customer.getByRole('heading', { level: 1 })).toHaveText(title);
  await expect(customer.locator('.timeline-item').first()).toContainText(check.text);
  await expect(customer.locator('.timeline-item').first()).toContainText(check.status);
}

test('an operator opens an incident on two components, posts two updates and resolves it; customers see each step', async ({
  browser,
  page,
  playwright,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const title = `E2E 通話録音の障害 ${unique()}`;
  await signIn(page, ADMIN.email, ADMIN.password);
  const operatorEmail = `operator-${unique()}@example.com`;
  const operator = await inviteUser(browser, page, operatorEmail, 'operator', OPERATOR_PASSWORD);

  // Sign out ends the session on the server: the old cookie, replayed, no longer opens the console.
  const oldCookies = await operator.context().cookies();
  await operator.getByRole('button', { name: 'サインアウト' }).click();
  await expect(operator).toHaveURL(/\/admin\/sign-in\?signed-out=1$/, { timeout: 20_000 });
  const replayed = await playwright.request.newContext({ baseURL, storageState: { cookies: oldCookies, origins: [] } });
  const stale = await replayed.get('/admin', { maxRedirects: 0 });
  expect(stale.status()).toBe(307);
  expect(stale.headers().location).toContain('/admin/sign-in');
  await replayed.dispose();
  await signIn(operator, operatorEmail, OPERATOR_PASSWORD);

  const customer = await (await browser.newContext({ locale: 'ja-JP' })).newPage();

  await gotoReady(operator, '/admin/incidents/new');
  await operator.getByLabel('タイトル（日本語）').fill(title);
  await operator.getByLabel('重要度').selectOption('severe');
  await operator.getByRole('combobox', { name: '通話録音' }).selectOption('major_outage');
  await operator.getByRole('combobox', { name: 'クリックカウント' }).selectOption('degraded_performance');
  await operator.getByLabel('本文（日本語）').fill('録音の再生ができない事象を調査しています。');
  await operator.getByRole('button', { name: '障害を公開する' }).click();
  await expectSaved(operator, '障害を公開しました');
  await expect(operator.getByRole('heading', { level: 1 })).toHaveText(title);
  const incidentUrl = operator.url().replace(/\?.*$/, '');
  await expectPublic(customer, title, {
    status: '調査中',
    text: '録音の再生ができない事象を調査しています。',
    componentStatus: '停止',
  });

  await operator.getByLabel('状況').first().selectOption('identified');
  await operator.getByRole('textbox', { name: '本文（日本語）' }).first().fill('ストレージの障害が原因と判明しました。');
  await operator.getByRole('button', { name: '続報を公開する' }).click();
  await expectSaved(operator, '続報を公開しました');
  await expectPublic(customer, title, { status: '原因特定', text: 'ストレージの障害が原因と判明しました。' });

  await gotoReady(operator, incidentUrl);
  await operator.getByLabel('状況').first().selectOption('monitoring');
  await operator.getByRole('textbox', { name: '本文（日本語）' }).first().fill('復旧作業を行い、経過を観察しています。');
  await operator.getByRole('button', { name: '続報を公開する' }).click();
  await expectSaved(operator, '続報を公開しました');
  await expectPublic(customer, title, { status: '経過観察', text: '復旧作業を行い、経過を観察しています。' });

  await gotoReady(operator, incidentUrl);
  const resolveForm = operator.locator('section', { has: operator.getByRole('heading', { name: '解決する' }) });
  await resolveForm.getByLabel('本文（日本語）').fill('すべての録音が再生できることを確認しました。');
  await resolveForm.getByRole('button', { name: '解決として公開する' }).click();
  await expectSaved(operator, '解決として公開しました');
  await expect(async () => {
    await customer.goto('/');
    await expect(customer.locator('#active-incidents').locator('..')).not.toContainText(title, { timeout: 1000 });
  }).toPass({ timeout: 15_000 });
  await customer.goto(incidentUrl.replace('/admin/incidents/', '/incidents/'));
  await expect(customer.locator('.timeline-item')).toHaveCount(4);
  await expect(customer.locator('.timeline-item').first()).toContainText('解決済み');
  await expect(customer.locator('.timeline-item').first()).toContainText('すべての録音が再生できることを確認しました。');
  // Public pages never show who posted.
  await expect(customer.locator('body')).not.toContainText(operatorEmail);

  // The audit log records each step with its author.
  await operator.goto(`/admin/audit?actor=${encodeURIComponent(operatorEmail)}`);
  const actions = operator.locator('tbody tr td[data-label="操作"]');
  await expect(actions).toHaveText([
    'incident.resolve',
    'incident.post_update',
    'incident.post_update',
    'incident.open',
    'user.accept_invitation',
  ]);
});

test('incident text is plain text: script, event-handler and javascript: payloads stay inert', async ({ browser, page }) => {
  const payload = `<script>window.__xss=1</script><img src=x onerror="window.__xss=1"><a href="javascript:window.__xss=1">link</a>\n2行目`;
  const title = `<img src=x onerror="window.__xss=1"> ${unique()}`;
  await signIn(page, ADMIN.email, ADMIN.password);
  await gotoReady(page, '/admin/incidents/new');
  await page.getByLabel('タイトル（日本語）').fill(title);
  await page.getByLabel('本文（日本語）').fill(payload);
  await page.getByLabel('購読者に通知する').uncheck();
  await page.getByRole('button', { name: '障害を公開する' }).click();
  await expectSaved(page, '障害を公開しました');
  const publicUrl = page.url().replace(/\?.*$/, '').replace('/admin/incidents/', '/incidents/');

  for (const view of [page, await (await browser.newContext()).newPage()]) {
    const dialogs: string[] = [];
    view.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    for (const url of [publicUrl, '/', ...(view === page ? [page.url()] : [])]) {
      await view.goto(url);
      await expect(view.getByText('<script>window.__xss=1</script>', { exact: false }).first()).toBeVisible();
      expect(await view.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
      expect(await view.locator('main a[href^="javascript:"]').count()).toBe(0);
    }
    expect(dialogs).toEqual([]);
  }
});

/** Replays a captured server-action POST with other credentials or another Origin. */
async function replay(
  request: APIRequestContext,
  captured: { url: string; headers: Record<string, string>; body: Buffer },
  extra: Record<string, string> = {},
) {
  const headers = Object.fromEntries(
    Object.entries(captured.headers).filter(([k]) => !['cookie', 'content-length', 'host'].includes(k.toLowerCase())),
  );
  return request.post(captured.url, { headers: { ...headers, ...extra }, data: captured.body, maxRedirects: 0 });
}

test('a direct POST to an action is refused without a session, as a viewer and from a foreign Origin, and changes nothing', async ({
  browser,
  page,
  playwright,
  baseURL,
}) => {
  const title = `E2E 直接POST ${unique()}`;
  await signIn(page, ADMIN.email, ADMIN.password);
  const viewer = await inviteUser(browser, page, `viewer-${unique()}@example.com`, 'viewer', 'viewer-pass-2026');

  // Capture the real form submission (with its Next-Action id) without letting it through.
  let captured: { url: string; headers: Record<string, string>; body: Buffer } | undefined;
  await page.route('**/admin/incidents/new', async (route) => {
    const req = route.request();
    const headers = await req.allHeaders();
    if (req.method() === 'POST' && headers['next-action']) {
      captured = { url: req.url(), headers, body: req.postDataBuffer() ?? Buffer.alloc(0) };
      await route.abort();
    } else await route.continue();
  });
  await gotoReady(page, '/admin/incidents/new');
  await page.getByLabel('タイトル（日本語）').fill(title);
  await page.getByRole('combobox', { name: '通話録音' }).selectOption('major_outage');
  await page.getByLabel('本文（日本語）').fill('直接POSTの検証');
  await page.getByLabel('購読者に通知する').uncheck();
  await page.getByRole('button', { name: '障害を公開する' }).click();
  await expect.poll(() => captured).toBeDefined();
  await page.unroute('**/admin/incidents/new');

  const anonymous = await playwright.request.newContext({ baseURL });
  const noSession = await replay(anonymous, captured!, { origin: baseURL! });
  expect(noSession.status()).toBe(200);
  expect(await noSession.text()).toContain('セッションが切れています');

  const asViewer = await playwright.request.newContext({ baseURL, storageState: await viewer.context().storageState() });
  const viewerResponse = await replay(asViewer, captured!, { origin: baseURL! });
  expect(await viewerResponse.text()).toContain('この操作を行う権限がありません');

  const asAdmin = await playwright.request.newContext({ baseURL, storageState: await page.context().storageState() });
  const foreign = await replay(asAdmin, captured!, { origin: 'http://evil.example' });
  expect(foreign.status()).toBe(403);

  await page.goto('/admin/incidents');
  await expect(page.locator('main')).not.toContainText(title);

  // The same bytes with the admin's session and the right Origin do go through, so the refusals above were real.
  const accepted = await replay(asAdmin, captured!, { origin: baseURL! });
  expect(accepted.status()).toBeLessThan(400);
  await page.goto('/admin/incidents');
  await expect(page.locator('main')).toContainText(title);
  for (const context of [anonymous, asViewer, asAdmin]) await context.dispose();
});

test('setup is closed once an admin exists, and a wrong password says nothing about the account', async ({ page }) => {
  await page.goto('/admin/setup');
  await expect(page).toHaveURL(/\/admin\/sign-in$/);
  for (const email of [ADMIN.email, `nobody-${unique()}@example.com`]) {
    await page.getByLabel('メールアドレス').fill(email);
    await page.getByLabel('パスワード').fill('wrong-password-123');
    await page.getByRole('button', { name: 'サインイン' }).click();
    await expect(page.locator('.form-message')).toHaveText('メールアドレスまたはパスワードが正しくありません。');
  }
  await page.goto('/admin/components');
  await expect(page).toHaveURL(/\/admin\/sign-in$/);
});

test('forms work without JavaScript: sign in, a field error, then an incident opened', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, locale: 'ja-JP' });
  const page = await context.newPage();
  await page.goto('/admin/sign-in');
  await page.getByLabel('メールアドレス').fill(ADMIN.email);
  await page.getByLabel('パスワード').fill(ADMIN.password);
  await page.getByRole('button', { name: 'サインイン' }).click();
  await expect(page).toHaveURL(/\/admin$/);

  await page.goto('/admin/incidents/new');
  await page.getByLabel('本文（日本語）').fill('JavaScript なしで送信');
  await page.getByRole('button', { name: '障害を公開する' }).click();
  await expect(page.locator('.field-error').first()).toHaveText('入力してください。');
  // The message typed before the error is still there.
  await expect(page.getByLabel('本文（日本語）')).toHaveValue('JavaScript なしで送信');

  const title = `JSなしの障害 ${unique()}`;
  await page.getByLabel('タイトル（日本語）').fill(title);
  await page.getByLabel('購読者に通知する').uncheck();
  await page.getByRole('button', { name: '障害を公開する' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  await expect(page.getByRole('status').filter({ hasText: '障害を公開しました' })).toBeVisible();
  await context.close();
});
