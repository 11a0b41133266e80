import { expect, test } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

test('a customer sees the seeded groups, components and statuses, and opens an incident', async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('パフォーマンスが低下');
  for (const group of ['クラウド電話', 'クライアント機能', 'コンシューマ機能']) {
    await expect(page.getByRole('heading', { name: group, exact: true })).toBeVisible();
  }
  const console = page.locator('li.component', { hasText: '管理画面' }).filter({ hasText: 'パフォーマンス低下' });
  await expect(console).toHaveCount(1);
  await expect(page.locator('li.component', { hasText: '発信' }).first()).toContainText('正常');
  await expect(page.locator('svg.uptime-bars').first().locator('rect')).toHaveCount(90);

  await page.getByRole('link', { name: '管理画面の表示が遅い' }).first().click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('管理画面の表示が遅い');
  await expect(page.locator('.timeline-item')).toHaveCount(2);
  await expect(page.locator('.timeline-item').first()).toContainText('原因特定');
});

test('switching language shows the page in English and remembers it', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('link', { name: /English/ }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { name: 'Client functions' })).toBeVisible();
  await page.goto('/history');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Incident history');
});

test('the browser language picks English on a first visit', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'en-US' });
  const page = await context.newPage();
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await context.close();
});

test('unknown and malformed incident ids show a 404 page in the visitor language', async ({ page }) => {
  for (const path of ['/incidents/00000000-0000-0000-0000-000000000000', '/incidents/%E0%A4%A', "/incidents/'or 1=1--"]) {
    const response = await page.goto(path);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('ページが見つかりません');
  }
});

test('the status page has no serious accessibility violations and fits a 360 px phone', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 800 });
  await page.goto('/');
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`)).toEqual([]);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});
