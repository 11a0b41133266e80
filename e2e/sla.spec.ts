import { expect, test, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

// The console's SLA pages on the demo seed: the marketing service has two function groups
// (client, consumer) with 99 % targets each.

async function signIn(page: Page) {
  await page.goto('/locale?to=ja&back=%2Fadmin%2Fsign-in');
  await page.getByRole('textbox', { name: 'メールアドレス' }).fill('admin@example.com');
  await page.getByRole('textbox', { name: 'パスワード' }).fill('correct-horse-battery');
  await page.getByRole('button', { name: 'サインイン' }).click();
  await page.waitForURL(/\/admin$/);
}

async function openMarketingReport(page: Page) {
  await page.goto('/admin/sla');
  await page.getByLabel('サービス', { exact: true }).selectOption({ label: 'マーケティングオートメーション' });
  await page.getByRole('button', { name: '表示', exact: true }).click();
  await page.waitForURL(/service=.*&month=\d{4}-\d{2}/);
}

test('an admin reads the marketing report with both function groups, in English too, and prints it', async ({ page }) => {
  await signIn(page);
  await openMarketingReport(page);
  await expect(page.getByRole('heading', { level: 2, name: /マーケティングオートメーション/ })).toBeVisible();
  const uptime = page
    .locator('section', { has: page.getByRole('heading', { name: '稼働率', exact: true }) })
    .locator('table')
    .first();
  await expect(uptime.locator('tr[data-scope="client"]')).toContainText('クライアント機能');
  await expect(uptime.locator('tr[data-scope="client"]')).toContainText('99%');
  await expect(uptime.locator('tr[data-scope="consumer"]')).toContainText('コンシューマ機能');
  await expect(uptime.locator('tr[data-scope="consumer"]')).toContainText('99%');
  await expect(page.getByRole('img', { name: /クライアント機能: 月間稼働率と目標 99%/ })).toBeVisible();
  await expect(page.getByText(/証跡チェーン/).first()).toBeVisible();

  await page.getByRole('link', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Monthly SLA report');
  await expect(page.locator('tr[data-scope="client"]').first()).toContainText('Client functions');
  await expect(page.locator('tr[data-scope="consumer"]').first()).toContainText('Consumer functions');

  await page.getByRole('link', { name: 'Print view' }).click();
  await page.waitForURL(/\/admin\/sla\/print\?/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Monthly SLA report');
  await expect(page.locator('.admin-header')).toBeHidden();
  await expect(page.locator('tr[data-scope="consumer"]').first()).toContainText('Consumer functions');
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('button', { name: 'Print' })).toBeHidden();
  const pdf = await page.pdf({ format: 'A4' });
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
});

test('exports CSV and JSON, verifies the evidence chain, and refuses exports without a session', async ({ page, browser }) => {
  await signIn(page);
  await openMarketingReport(page);
  const params = new URL(page.url()).search;
  const csv = await page.request.get(`/api/admin/sla/export${params}&format=csv`);
  expect(csv.status()).toBe(200);
  expect(csv.headers()['content-disposition']).toMatch(/attachment; filename="sla-ma-\d{4}-\d{2}\.csv"/);
  const text = await csv.text();
  expect(text).toContain('機能グループ,クライアント機能,client,99,');
  const json = await (await page.request.get(`/api/admin/sla/export${params}&format=json`)).json();
  expect(json.report.functionGroups.map((g: { key: string; targetPercent: number }) => [g.key, g.targetPercent])).toEqual([
    ['client', 99],
    ['consumer', 99],
  ]);

  await page.getByRole('button', { name: '証跡チェーンを検証' }).click();
  await expect(page.locator('.sla-verify-result')).toContainText('検証結果: 改ざんなし');

  const anonymous = await browser.newContext();
  const refused = await anonymous.request.get(
    `http://127.0.0.1:${process.env.E2E_PORT ?? 3100}/api/admin/sla/export${params}&format=csv`,
  );
  expect(refused.status()).toBe(401);
  await anonymous.close();
});

test('the policy editor names a bad field in Japanese and saves nothing; bad JSON is refused too', async ({ page }) => {
  await signIn(page);
  await openMarketingReport(page);
  await page.getByRole('link', { name: 'SLAポリシーを編集' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('SLAポリシーの編集');
  const target = page.locator('[data-path="functionGroups.0.targetPercent"]');
  await expect(target).toHaveValue('99');
  await target.fill('150');
  await page.getByRole('button', { name: 'ポリシーを保存する' }).click();
  await expect(page.locator('.sla-policy-form .field-error').first()).toHaveText('0〜100の数値を入力してください。');
  await expect(target).toHaveAttribute('aria-invalid', 'true');
  // The summary names the field in the operator's language, not by its JSON path.
  await expect(page.getByRole('group', { name: '直す必要がある項目' })).toContainText(
    '機能グループ（機能ごとの目標） 1 › 目標稼働率（%）',
  );

  await page.getByText('上級者向け: JSONで編集').click();
  await page.getByLabel('ポリシー（JSON）').fill('{"timeZone": ');
  await page.getByRole('button', { name: 'JSONを保存する' }).click();
  await expect(page.getByText('JSONとして読み取れません。').first()).toBeVisible();

  await page.reload();
  await expect(page.locator('[data-path="functionGroups.0.targetPercent"]')).toHaveValue('99');
});

test('the report has no serious accessibility violations and fits a 360 px phone', async ({ page }) => {
  await signIn(page);
  await page.setViewportSize({ width: 360, height: 800 });
  await openMarketingReport(page);
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`)).toEqual([]);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});
