import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { ADMIN, signIn, unique } from './admin-helpers';

// An open status page follows changes made through the management API, without reload.

async function createApiKey(page: Page): Promise<string> {
  await signIn(page, ADMIN.email, ADMIN.password);
  await page.goto('/admin/api-keys');
  await page.locator('form[data-hydrated]').first().waitFor();
  await page.getByLabel('名前').fill(`e2e live ${unique()}`);
  await page.getByRole('button', { name: 'キーを作成' }).click();
  const key = await page.getByLabel('新しい API キー').inputValue();
  expect(key).toMatch(/^shirase_/);
  return key;
}

async function pageAndComponent(request: APIRequestContext, name: string) {
  const summary = await (await request.get('/api/v2/summary.json')).json();
  const component = summary.components.find((c: { name: string; group: boolean }) => c.name === name && !c.group);
  return { pageId: summary.page.id as string, componentId: component.id as string };
}

test('an open page reflects API changes within 2 seconds without reload, and the cached page shows them', async ({
  page,
  browser,
  request,
}) => {
  const key = await createApiKey(page);
  const { pageId, componentId } = await pageAndComponent(request, 'Webフォーム');
  const headers = { Authorization: `OAuth ${key}`, 'Content-Type': 'application/json' };

  const visitor = await (await browser.newContext({ locale: 'ja-JP' })).newPage();
  await visitor.goto('/');
  await expect(visitor.locator('[data-live-mode="live"]')).toBeVisible();
  await visitor.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
  const row = visitor.locator('li.component', { hasText: 'Webフォーム' });
  await expect(row).toContainText('正常');

  const title = `ライブ確認 ${unique()}`;
  const opened = await request.post(`/api/v1/pages/${pageId}/incidents`, {
    headers,
    data: {
      incident: {
        name: title,
        status: 'investigating',
        body: 'フォームの送信に失敗しています',
        components: { [componentId]: 'major_outage' },
        deliver_notifications: false,
      },
    },
  });
  expect(opened.status()).toBe(201);
  const incident = await opened.json();

  await expect(row).toContainText('停止', { timeout: 2_000 });
  await expect(visitor.getByRole('link', { name: title })).toBeVisible({ timeout: 2_000 });
  expect(await visitor.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);

  // A fresh request is answered from the rebuilt bytes (bench/public.ts measures how soon), and
  // revalidation sees the new version.
  await expect.poll(async () => (await request.get('/')).text(), { timeout: 2_000 }).toContain(title);
  const etag = (await request.get('/')).headers()['etag'];
  expect((await request.get('/', { headers: { 'If-None-Match': etag } })).status()).toBe(304);

  const resolved = await request.patch(`/api/v1/pages/${pageId}/incidents/${incident.id}`, {
    headers,
    data: { incident: { status: 'resolved', deliver_notifications: false } },
  });
  expect(resolved.status()).toBe(200);
  await expect(row).toContainText('正常', { timeout: 2_000 });
  await expect(visitor.locator('#active-incidents').locator('..')).not.toContainText(title, { timeout: 2_000 });
  await visitor.context().close();
});

test('the live page has no serious accessibility violations at phone width, in both languages', async ({ browser }) => {
  for (const locale of ['ja-JP', 'en-US']) {
    const context = await browser.newContext({ locale, viewport: { width: 360, height: 800 } });
    const page = await context.newPage();
    await page.goto('/');
    await expect(page.locator('[data-live-mode="live"]')).toBeVisible();
    await page.screenshot({ path: `.tmp/screens/live-${locale}-360.png` });
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
    expect(results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
    await context.close();
  }
});

test('feeds, badge, embed and widget are served, linked from the page, and only the embed may be framed', async ({
  page,
  request,
}) => {
  await page.goto('/');
  await expect(page.locator('link[rel="alternate"][type="application/rss+xml"]')).toHaveAttribute('href', /\/feed\.rss$/);
  await expect(page.getByRole('link', { name: 'RSS' })).toBeVisible();
  const rss = await request.get('/feed.rss');
  expect(rss.headers()['content-type']).toContain('application/rss+xml');
  expect(await rss.text()).toContain('<rss');
  expect((await request.get('/feed.atom?lang=en')).headers()['content-type']).toContain('application/atom+xml');
  const badge = await request.get('/badge.svg');
  expect(await badge.text()).toContain('<svg');
  const embed = await request.get('/embed');
  expect(embed.headers()['content-security-policy']).toContain('frame-ancestors *');
  expect(embed.headers()['x-frame-options']).toBeUndefined();
  expect((await request.get('/')).headers()['x-frame-options']).toBe('DENY');
  const summary = await request.get('/api/v2/summary.json', { headers: { Origin: 'https://example.org' } });
  expect(summary.headers()['access-control-allow-origin']).toBe('*');

  // The widget fills a host element with the summary.
  await page.setContent('<div data-shirase-status></div>');
  await page.addScriptTag({ url: '/widget.js' });
  const host = page.locator('[data-shirase-status]');
  await expect(host).toHaveAttribute('data-indicator', /^(none|minor|major|critical)$/);
  await expect(host.getByRole('link')).toHaveText(/.+/);
});
