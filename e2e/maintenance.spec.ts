import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { demoMaintenances } from '../db/seed-data';

const jstDate = (at: Date) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo', year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);

function jstDateFromToday(days: number): string {
  const [y, m, d] = jstDate(new Date()).split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

// An early-morning maintenance: its JST day differs from its UTC day (01:00 JST is the previous
// day in UTC), so a calendar that files by UTC day shows here. The expected day comes from its
// start time as the API gives it, not from today's date: the seed ran when the server started,
// which may have been before a JST midnight that this test runs after.
const early = demoMaintenances.find((m) => m.startHourJst < 9 && m.startDays > 0)!;

async function seededDays(request: APIRequestContext): Promise<{ day: string; dayBefore: string }> {
  const { scheduled_maintenances: all } = (await (await request.get('/api/v2/scheduled-maintenances.json')).json()) as {
    scheduled_maintenances: { name: string; scheduled_for: string }[];
  };
  const start = new Date(all.find((m) => m.name === early.title || m.name === early.titleEn)!.scheduled_for);
  return { day: jstDate(start), dayBefore: jstDate(new Date(start.getTime() - 24 * 3_600_000)) };
}
const pad = (n: number) => String(n).padStart(2, '0');
const windowText = `${pad(early.startHourJst)}:00–${pad(early.startHourJst + early.hours)}:00`;

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`);
}

async function useEnglish(page: Page) {
  await page.goto(`/locale?to=en&back=${encodeURIComponent('/maintenance')}`);
}

test('the month view shows a seeded maintenance on its JST day, in Japanese and in English', async ({ page, request }) => {
  const { day, dayBefore } = await seededDays(request);
  await page.goto(`/maintenance?month=${day.slice(0, 7)}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('メンテナンスカレンダー');
  const cell = page.locator(`table td[data-date="${day}"]`);
  await expect(cell.getByRole('link', { name: new RegExp(early.title) })).toBeVisible();
  await expect(cell).toContainText(windowText);
  await expect(page.locator(`table td[data-date="${dayBefore}"]`)).not.toContainText(early.title);
  await expect(page.locator('td[aria-current="date"]')).toHaveCount(day.slice(0, 7) === jstDateFromToday(0).slice(0, 7) ? 1 : 0);

  await useEnglish(page);
  await page.goto(`/maintenance?month=${day.slice(0, 7)}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Maintenance calendar');
  await expect(page.locator(`table td[data-date="${day}"]`).getByRole('link', { name: new RegExp(early.titleEn) })).toBeVisible();
  await page
    .locator(`table td[data-date="${day}"]`)
    .getByRole('link', { name: new RegExp(early.titleEn) })
    .click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(early.titleEn);
  await expect(page.locator('dd').first()).toContainText('GMT+9');
  expect(await seriousViolations(page)).toEqual([]);
});

test('on a 360 px phone the month is a list, without horizontal scrolling or serious accessibility issues', async ({
  page,
  request,
}) => {
  const { day } = await seededDays(request);
  await page.setViewportSize({ width: 360, height: 800 });
  await page.goto(`/maintenance?month=${day.slice(0, 7)}`);
  await expect(page.locator('table')).toBeHidden();
  await expect(page.locator(`ol li[data-date="${day}"]`)).toContainText(early.title);
  for (const path of ['/maintenance', `/maintenance?month=${day.slice(0, 7)}`, '/maintenance?month=2026-09']) {
    await useEnglish(page);
    await page.goto(path);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, path).toBeLessThanOrEqual(0);
  }
  expect(await seriousViolations(page)).toEqual([]);
});

test('months are navigable and the component filter keeps to one component', async ({ page, request }) => {
  const { day } = await seededDays(request);
  await page.goto(`/maintenance?month=${day.slice(0, 7)}`);
  const monthHeading = page.getByRole('navigation', { name: '月の移動' }).getByRole('heading', { level: 2 });
  const [year, month] = day.split('-').map(Number);
  const label = (y: number, m: number) => `${m === 13 ? y + 1 : y}年${m === 13 ? 1 : m}月`;
  // Each navigation must land before the next click, or the second link clicked is the old page's.
  await page.getByRole('link', { name: /次の月/ }).click();
  await expect(monthHeading).toHaveText(label(year, month + 1));
  await page.getByRole('link', { name: /前の月/ }).click();
  await expect(monthHeading).toHaveText(label(year, month));
  await expect(page.locator(`table td[data-date="${day}"]`)).toContainText(early.title);
  await page.getByRole('combobox', { name: 'コンポーネントで絞り込む' }).selectOption({ label: '発信' });
  await page.getByRole('button', { name: '表示', exact: true }).click();
  await expect(page).toHaveURL(/component=/);
  await expect(monthHeading).toHaveText(label(year, month));
  await expect(page.locator(`table td[data-date="${day}"]`)).not.toContainText(early.title);
  const feed = page.getByRole('link', { name: /発信.*iCal/ });
  await expect(feed).toHaveAttribute('href', /\/api\/maintenance\.ics\?component=/);
});

test('the iCal feed is served as text/calendar with the seeded events', async ({ request }) => {
  const response = await request.get('/api/maintenance.ics');
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toBe('text/calendar; charset=utf-8');
  const body = await response.text();
  expect(body).toContain('BEGIN:VCALENDAR');
  expect(body).toContain(`SUMMARY:${early.title}`);
  const again = await request.get('/api/maintenance.ics', { headers: { 'if-none-match': response.headers().etag } });
  expect(again.status()).toBe(304);
  expect((await request.get('/api/maintenance.ics?component=nope')).status()).toBe(404);
});

test('an operator schedules with live policy feedback, posts an update and cancels; customers see each step', async ({
  page,
}) => {
  const title = `E2E メンテナンス ${Date.now()}`;
  await page.goto('/admin/sign-in');
  await page.getByLabel('メールアドレス').fill('admin@example.com');
  await page.getByLabel('パスワード').fill('correct-horse-battery');
  await page.getByRole('button', { name: 'サインイン' }).click();
  await expect(page).toHaveURL(/\/admin$/);

  await page.goto('/admin/maintenance/new');
  const start = jstDateFromToday(3);
  await page.getByRole('textbox', { name: 'タイトル', exact: true }).fill(title);
  await page.getByLabel('開始日時').fill(`${start}T10:00`);
  await page.getByLabel('終了日時').fill(`${start}T11:00`);
  await page.getByLabel('停止見込み（分）').fill('30');
  await page.getByLabel('Webフォーム').check();
  // Three days ahead on the marketing service: below its notice period, so the form warns.
  await expect(page.locator('.plan-checks')).toContainText('停止時間として計上されます');
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByRole('textbox', { name: 'お知らせ本文', exact: true }).fill('フォームの送信ができなくなります。');
  await page.getByRole('button', { name: '予告して登録する' }).click();
  await expect(page.getByRole('status')).toContainText('予告しました');
  await expect(page.locator('.fact-pill').first()).toBeVisible();

  await page.getByRole('textbox', { name: 'メッセージ', exact: true }).fill('手順を確認しました。');
  await page.getByRole('button', { name: '投稿する' }).click();
  await expect(page.getByRole('status')).toContainText('経過を投稿しました');

  await page.getByRole('button', { name: 'メンテナンスを中止する' }).click();
  await expect(page.locator('.field-error')).toContainText('確認のチェック');
  await page.getByLabel('購読者に中止を通知することを確認しました').check();
  await page.getByRole('button', { name: 'メンテナンスを中止する' }).click();
  await expect(page.getByRole('status')).toContainText('中止しました');
  expect(await seriousViolations(page)).toEqual([]);

  await page.getByRole('link', { name: '公開ページで見る' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  await expect(page.locator('.timeline')).toContainText('手順を確認しました。');
  await expect(page.locator('.incident-meta')).toContainText('中止');
});
