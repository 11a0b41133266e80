import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test, type Page } from '@playwright/test';
import { ADMIN, gotoReady, signIn } from './admin-helpers';

// Monitors in the console: "test now", create, detection of a stopped target on the list, the
// detail page and the public component; screenshots (ja/en, desktop/360 px) in .tmp/screens.

const OUT = '.tmp/screens';
let healthy = true;
const target = http.createServer((_req, res) => {
  res.writeHead(healthy ? 200 : 503, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ status: healthy ? 'ok' : 'down' }));
});
let targetUrl = '';

test.beforeAll(async () => {
  await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
  targetUrl = `http://127.0.0.1:${(target.address() as AddressInfo).port}/health`;
});
test.afterAll(() => new Promise<void>((resolve) => target.close(() => resolve())));

async function shoot(page: Page, name: string) {
  for (const [size, viewport] of Object.entries({ desktop: { width: 1200, height: 900 }, phone: { width: 360, height: 780 } })) {
    await page.setViewportSize(viewport);
    await page.screenshot({ path: `${OUT}/monitors-${name}-${size}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1200, height: 900 });
}

test('an HTTP monitor is tested, created, goes down with its target and shows on the console and public page', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await signIn(page, ADMIN.email, ADMIN.password);
  await gotoReady(page, '/admin/monitors/new');
  await page.getByLabel('名前').first().fill('課金API');
  await page.getByLabel('対象').fill(targetUrl);
  await page.getByLabel('コンポーネント', { exact: true }).selectOption({ label: '通話録音' });
  await page.getByLabel('間隔（秒）').fill('10');
  await page.getByLabel('タイムアウト（ミリ秒）').fill('2000');
  await page.getByLabel('障害とみなす連続失敗回数').fill('1');
  await page.getByLabel('JSONパス', { exact: true }).fill('$.status');
  await page.getByLabel('JSONパスの期待値').fill('ok');
  await page.getByRole('button', { name: '今すぐテスト' }).click();
  await expect(page.getByRole('status')).toContainText('テスト成功');
  await shoot(page, 'new-ja');

  await page.getByRole('button', { name: '作成', exact: true }).click();
  await expect(page).toHaveURL(/\/admin\/monitors\/[0-9a-f-]{36}\?saved=1$/);
  const detail = page.url().split('?')[0];
  // No reload: the page re-reads itself, so the first check shows without the operator's help.
  await expect(page.locator('.monitor-state')).toHaveText(/正常/, { timeout: 30_000 });

  healthy = false;
  await expect(async () => {
    await page.goto('/admin/monitors');
    await expect(page.locator('.monitor-state').first()).toHaveText(/障害/);
  }).toPass({ timeout: 60_000 });
  // The public side follows: the v2 API (built from the same data as the page) shows the outage.
  await expect(async () => {
    const { components } = await (await page.request.get('/api/v2/components.json')).json();
    expect(components.find((c: { name: string }) => c.name === '通話録音').status).toBe('major_outage');
  }).toPass({ timeout: 10_000 });

  await page.goto(detail);
  await expect(page.getByText('この監視が開いたインシデント')).toBeVisible();
  await expect(page.locator('#failures ~ table, section:has(#failures) table')).toContainText('HTTP 503');
  healthy = true;
  await expect(async () => {
    await page.goto(detail);
    await expect(page.locator('.monitor-state')).toHaveText(/正常/);
  }).toPass({ timeout: 60_000 });

  for (const locale of ['ja', 'en'] as const) {
    await page.goto(`/locale?to=${locale}&back=%2Fadmin%2Fmonitors`);
    await shoot(page, `list-${locale}`);
    await page.goto(detail);
    await shoot(page, `detail-${locale}`);
    await page.goto(`${detail}/edit`);
    await shoot(page, `edit-${locale}`);
  }
  await page.goto('/locale?to=ja&back=%2Fadmin');
});

test('a push monitor shows its secret URL and refuses a private target unless allowed (here allowed)', async ({ page }) => {
  await signIn(page, ADMIN.email, ADMIN.password);
  await gotoReady(page, '/admin/monitors/new');
  await page.getByLabel('名前').first().fill('夜間バッチ');
  await page.getByLabel('種類', { exact: true }).selectOption('push');
  await page.getByLabel('間隔（秒）').fill('3600');
  await page.getByLabel('猶予（秒）').fill('600');
  await page.getByRole('button', { name: '作成', exact: true }).click();
  await expect(page).toHaveURL(/\/admin\/monitors\/[0-9a-f-]{36}\?saved=1$/);
  const url = await page.locator('.push-url').innerText();
  expect(url).toMatch(/\/api\/push\/[A-Za-z0-9_-]{32}$/);
  const ping = await page.request.get(new URL(url).pathname);
  expect(ping.status()).toBe(200);
  await gotoReady(page, '/admin/monitors/new');
  await page.getByLabel('名前').first().fill('不正な間隔');
  await page.getByLabel('対象').fill('https://example.com/');
  await page.getByLabel('間隔（秒）').fill('5');
  await page.getByRole('button', { name: '作成', exact: true }).click();
  await expect(page.getByRole('alert').first()).toBeVisible();
  await shoot(page, 'error-ja');
});
