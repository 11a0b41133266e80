import { expect, test, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { ADMIN, expectSaved, gotoReady, signIn, unique } from './admin-helpers';

// Every console page at phone and desktop width, in Japanese and English: no serious axe
// violations, no sideways scrolling on a 360 px phone, and a screenshot in .tmp/screens/ to look at.

const WIDTHS = [360, 1280] as const;

async function check(page: Page, name: string, locale: 'ja' | 'en') {
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 900 });
    await page.reload();
    await page.screenshot({ path: `.tmp/screens/admin-${name}-${locale}-${width}.png`, fullPage: true });
    if (width === 360) {
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `${name} ${locale} overflows a 360 px screen`).toBeLessThanOrEqual(0);
      const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
      const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      expect(serious.map((v) => `${name} ${locale}: ${v.id} ${v.nodes.map((n) => n.target).join(' ')}`)).toEqual([]);
    }
  }
}

test('every console page reads well on a phone and a desktop, in Japanese and English', async ({ page }) => {
  test.setTimeout(240_000);
  await page.goto('/admin/sign-in');
  await check(page, 'sign-in', 'ja');

  await signIn(page, ADMIN.email, ADMIN.password);
  // Something to look at: an open incident with two updates, a template, an invitation.
  await gotoReady(page, '/admin/incidents/new');
  const title = `画面確認用の障害 ${unique()}`;
  await page.getByLabel('タイトル（日本語）').fill(title);
  await page.getByLabel('タイトル（英語）').fill(`Screenshot incident ${unique()}`);
  await page.getByRole('combobox', { name: 'API', exact: true }).selectOption('partial_outage');
  await page.getByLabel('本文（日本語）').fill('一部のAPIリクエストが失敗しています。\n調査を続けています。');
  await page.getByLabel('購読者に通知する').uncheck();
  await page.getByRole('button', { name: '障害を公開する' }).click();
  await expectSaved(page, '障害を公開しました');
  const incidentPath = new URL(page.url()).pathname;
  const componentId = await page.request
    .get('/admin/components')
    .then(async (r) => (await r.text()).match(/\/admin\/components\/([0-9a-f-]{36})/)![1]);

  await gotoReady(page, '/admin/templates');
  await page.getByLabel('テンプレート名').fill(`回線障害 ${unique()}`);
  await page.getByLabel('タイトル（日本語）').fill('通話がつながりにくい状況');
  await page.getByLabel('本文（日本語）').fill('一部の回線で通話がつながりにくくなっています。');
  await page.getByRole('button', { name: '追加', exact: true }).click();
  await expectSaved(page, 'テンプレートを追加しました');

  const pages: [string, string][] = [
    ['dashboard', '/admin'],
    ['components', '/admin/components'],
    ['component-edit', `/admin/components/${componentId}`],
    ['incidents', '/admin/incidents'],
    ['incident-new', '/admin/incidents/new'],
    ['incident', incidentPath],
    ['templates', '/admin/templates'],
    ['users', '/admin/users'],
    ['audit', '/admin/audit'],
    ['mailbox', '/admin/mailbox'],
    ['deliveries', '/admin/deliveries'],
    ['delivery-log', '/admin/deliveries/log'],
    ['subscribers', '/admin/subscribers'],
    ['api-keys', '/admin/api-keys'],
    ['settings', '/admin/settings'],
  ];
  for (const locale of ['ja', 'en'] as const) {
    await page.goto(`/locale?to=${locale}&back=/admin`);
    for (const [name, path] of pages) {
      await page.goto(path);
      await check(page, name, locale);
    }
  }
  await page.goto('/locale?to=ja&back=/admin');
});
