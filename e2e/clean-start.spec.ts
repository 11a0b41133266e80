import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { startWebServer, type ShiraseProcess } from '../test/hardening/processes';

// An empty install (SEED_DEMO=false, no ADMIN_*), on its own server and data folder (the shared
// e2e server keeps its demo): every public route and console page answers in both languages
// with its empty state, then a new operator goes from the setup code to a first published
// incident that reaches a confirmed subscriber. Clicks are counted for the closing note.

test.describe.configure({ mode: 'serial' });
test.setTimeout(240_000);
test.use({ actionTimeout: 20_000, navigationTimeout: 30_000 });

const root = path.resolve(`.tmp/e2e-clean-start-${Date.now()}`);
const port = Number(process.env.E2E_PORT ?? 3100) + 2;
const OWNER = { email: 'owner@example.com', password: 'clean-start-password-42' };
const SCREENS = '.tmp/screens';
let server: ShiraseProcess & { url: string };
const clicks = { operator: 0, subscriber: 0 };

async function click(target: Locator, who: keyof typeof clicks = 'operator') {
  clicks[who]++;
  await target.click();
}
async function choose(target: Locator, value: string | { label: string }) {
  clicks.operator++;
  await target.selectOption(value);
}
async function ready(page: Page) {
  await page.waitForLoadState('networkidle').catch(() => {});
  await expect(page.locator('form[data-action-form]:not([data-hydrated])')).toHaveCount(0);
}
const url = (p: string) => `${server.url}${p}`;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  fs.mkdirSync(root, { recursive: true });
  fs.mkdirSync(SCREENS, { recursive: true });
  server = await startWebServer({ PORT: String(port), PGLITE_DIR: path.join(root, 'pg'), DATABASE_URL: '', SEED_DEMO: 'false' });
});
test.afterAll(async () => {
  await server?.stop();
});

const PUBLIC_PAGES = ['/', '/history', '/maintenance', '/subscribe', '/evidence', '/evidence/check'];
const V2 = [
  'summary',
  'status',
  'components',
  'incidents',
  'incidents/unresolved',
  'scheduled-maintenances',
  'scheduled-maintenances/upcoming',
  'scheduled-maintenances/active',
];
const CONSOLE_PAGES = [
  '/admin',
  '/admin/onboarding',
  '/admin/components',
  '/admin/incidents',
  '/admin/incidents/new',
  '/admin/maintenance',
  '/admin/maintenance/new',
  '/admin/monitors',
  '/admin/monitors/new',
  '/admin/services',
  '/admin/sla',
  '/admin/sla/policy',
  '/admin/sla/print',
  '/admin/subscribers',
  '/admin/templates',
  '/admin/users',
  '/admin/api-keys',
  '/admin/audit',
  '/admin/deliveries',
  '/admin/deliveries/log',
  '/admin/mailbox',
  '/admin/settings',
  '/admin/settings/branding',
  '/admin/account/two-factor',
];

/** Visits each page in ja and en: no 4xx/5xx, no error boundary, nothing wider than a phone. */
async function visitAll(page: Page, pages: string[], prefix: string) {
  for (const locale of ['ja', 'en'] as const) {
    await page.goto(url(`/locale?to=${locale}&back=%2F`));
    for (const target of pages) {
      const response = await page.goto(url(target));
      expect(response?.status(), `${locale} ${target}`).toBeLessThan(400);
      await expect(page.locator('html'), `${locale} ${target}`).toHaveAttribute('lang', locale);
      await expect(page.getByText(/Application error|Internal Server Error|予期しないエラー/), `${locale} ${target}`).toHaveCount(
        0,
      );
      const name = target === '/' ? 'home' : target.slice(1).replaceAll('/', '-');
      await page.screenshot({ path: `${SCREENS}/clean-${prefix}-${name}-${locale}.png`, fullPage: true });
    }
  }
  await page.goto(url('/locale?to=ja&back=%2F'));
}

test('every public route answers 200 with an empty state in both languages', async ({ page, request }) => {
  await visitAll(page, PUBLIC_PAGES, 'public');
  await page.goto(url('/'));
  await expect(page.locator('main')).not.toContainText('undefined');

  for (const doc of V2) {
    const response = await request.get(url(`/api/v2/${doc}.json`));
    expect(response.status(), doc).toBe(200);
    const body = await response.json();
    expect(body.page, doc).toMatchObject({ id: expect.any(String), name: expect.any(String) });
    for (const key of ['components', 'incidents', 'scheduled_maintenances'] as const)
      if (key in body) expect(body[key], `${doc} ${key}`).toEqual([]);
  }
  for (const [route, type] of [
    ['/feed.atom', /atom\+xml/],
    ['/feed.rss', /rss\+xml/],
    ['/api/maintenance.ics', /text\/calendar/],
    ['/badge.svg', /image\/svg\+xml/],
    ['/embed', /text\/html/],
    ['/widget.js', /javascript/],
    ['/favicon.ico', /image\/x-icon/],
    ['/api/evidence/heads.json', /json/],
  ] as const) {
    const response = await request.get(url(route));
    expect(response.status(), route).toBe(200);
    expect(response.headers()['content-type'], route).toMatch(type);
  }
  // The feed carries only the evidence ledger's daily head: no incident or maintenance entry.
  expect(await (await request.get(url('/feed.atom'))).text()).not.toMatch(/\/(incidents|maintenance)\//);
  expect(await (await request.get(url('/api/maintenance.ics'))).text()).not.toContain('BEGIN:VEVENT');
});

test('the first admin needs the setup code from the server log; every console page works on the empty page', async ({ page }) => {
  const code = /setup code (\S+)/.exec(server.logs())![1];
  await page.goto(url('/admin'));
  await expect(page).toHaveURL(/\/admin\/setup$/);
  await ready(page);
  await page.getByLabel('セットアップコード').fill('WRONG-CODE-0000');
  await page.getByLabel('メールアドレス').fill(OWNER.email);
  await page.getByLabel('パスワード').fill(OWNER.password);
  await page.getByRole('button').last().click();
  await expect(page.getByText('セットアップコードと一致しません')).toBeVisible({ timeout: 20_000 });
  await page.goto(url('/admin/setup'));
  await ready(page);
  await page.getByLabel('セットアップコード').fill(code);
  await page.getByLabel('メールアドレス').fill(OWNER.email);
  await page.getByLabel('パスワード').fill(OWNER.password);
  await click(page.getByRole('button').last());
  await expect(page).toHaveURL(/\/admin$/, { timeout: 20_000 });
  await visitAll(page, CONSOLE_PAGES, 'console');
  // The SLA pages have nothing to report yet: an empty state that leads to the services, not an error.
  for (const target of ['/admin/sla', '/admin/sla/policy', '/admin/sla/print']) {
    await page.goto(url(target));
    await expect(page.getByRole('link', { name: 'サービスを作る' }), target).toHaveAttribute('href', '/admin/services');
    await expect(page.locator('.form-message-error'), target).toHaveCount(0);
  }
});

test('from the empty install to a first published incident that reaches a confirmed subscriber', async ({ page, browser }) => {
  // Each test has its own browser context: sign in again (not counted, the setup form signed in).
  await page.goto(url('/admin/sign-in'));
  await page.getByLabel('メールアドレス').fill(OWNER.email);
  await page.getByLabel('パスワード').fill(OWNER.password);
  await page.getByRole('button', { name: 'サインイン' }).click();
  await expect(page).toHaveURL(/\/admin$/, { timeout: 20_000 });

  // The operator adds a component (the console's menu).
  await click(page.getByRole('link', { name: 'コンポーネント', exact: true }).first());
  await ready(page);
  const form = page.locator('form', { has: page.getByRole('button', { name: '追加', exact: true }) });
  await form.getByLabel('名前（日本語）').fill('ウェブサイト');
  await click(form.getByRole('button', { name: '追加', exact: true }));
  await expect(page.getByRole('status').filter({ hasText: 'コンポーネントを追加しました。' })).toBeVisible({ timeout: 20_000 });

  // A customer subscribes by email and confirms from the mail (the dev mailbox stands in for their inbox).
  const customer = await (await browser.newContext({ locale: 'ja-JP' })).newPage();
  await customer.goto(url('/subscribe'));
  await customer.getByLabel('メールアドレス').first().fill('customer@example.com');
  await click(customer.getByRole('button', { name: '確認メールを送る' }), 'subscriber');
  await expect(customer.getByText('確認メールを送りました。')).toBeVisible({ timeout: 20_000 });
  await expect(async () => {
    await page.goto(url('/admin/mailbox'));
    await expect(page.locator('li.row', { hasText: 'customer@example.com' })).not.toHaveCount(0, { timeout: 1_000 });
  }).toPass({ timeout: 60_000 });
  await page.locator('li.row', { hasText: 'customer@example.com' }).first().getByRole('link').click();
  const confirm = /https?:\/\/[^/\s]+(\/subscribe\/confirm\/\S+)/.exec(await page.locator('.mail-body').innerText())![1];
  clicks.subscriber++; // the link in the mail
  await customer.goto(url(confirm));
  await click(customer.getByRole('button', { name: '登録を完了する' }), 'subscriber');
  await expect(customer.getByRole('status').first()).toContainText('登録が完了しました');

  // The operator publishes the first incident.
  await page.goto(url('/admin'));
  await click(page.getByRole('link', { name: '障害を登録' }));
  await expect(page).toHaveURL(/\/admin\/incidents\/new$/);
  await ready(page);
  await page.getByLabel('タイトル（日本語）').fill('ウェブサイトにつながりにくい状態です');
  await choose(page.getByRole('combobox', { name: /ウェブサイト/ }), 'major_outage');
  await page.getByLabel('本文（日本語）', { exact: false }).first().fill('現在調査しています。');
  await click(page.getByRole('button', { name: '障害を公開する' }));
  await expect(page).toHaveURL(/\/admin\/incidents\/[0-9a-f-]{36}/, { timeout: 20_000 });

  // The subscriber's notice arrives; the public page shows the incident.
  await expect
    .poll(
      async () => {
        await page.goto(url('/admin/mailbox'));
        return page
          .locator('li.row', { hasText: 'customer@example.com' })
          .filter({ hasText: 'ウェブサイトにつながりにくい' })
          .count();
      },
      { timeout: 60_000 },
    )
    .toBe(1);
  await customer.goto(url('/'));
  await expect(customer.getByRole('link', { name: 'ウェブサイトにつながりにくい状態です' })).toBeVisible();
  await customer.screenshot({ path: `${SCREENS}/clean-first-incident-ja.png`, fullPage: true });
  const total = clicks.operator + clicks.subscriber;
  console.log(
    `clean-start clicks from the setup form to a first published incident with a confirmed subscriber: ${total} (operator ${clicks.operator}, subscriber ${clicks.subscriber})`,
  );
  fs.writeFileSync(path.join(root, 'clicks.txt'), JSON.stringify(clicks));
  expect(total).toBeLessThanOrEqual(20);
});
