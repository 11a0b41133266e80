import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { ADMIN, gotoReady, signIn, unique } from './admin-helpers';

// Witnessed evidence as a customer meets it: the heads published at an incident post on
// /evidence, in the heads JSON (ETag/304) and the feeds, and the no-sign-in check of one head.

const SHOTS = path.resolve('.tmp/screens/evidence');

async function postIncident(page: Page): Promise<void> {
  await signIn(page, ADMIN.email, ADMIN.password);
  await gotoReady(page, '/admin/incidents/new');
  await page.getByLabel('タイトル（日本語）').fill(`証跡テスト ${unique()}`);
  await page.getByLabel('本文（日本語）').fill('調査しています。');
  await page.getByLabel('購読者に通知する').uncheck();
  await page.getByRole('button', { name: '障害を公開する' }).click();
  // Posting waits on the database; the shared test machine can be slow.
  await expect(page).toHaveURL(/\/admin\/incidents\/[0-9a-f-]{36}/, { timeout: 60_000 });
}

test('an incident post publishes a head: on /evidence, in heads.json (ETag, 304) and in the feeds', async ({ page, request }) => {
  await postIncident(page);
  const json = await request.get('/api/evidence/heads.json');
  expect(json.status()).toBe(200);
  expect(json.headers()['cache-control']).toContain('max-age=10');
  expect(json.headers()['access-control-allow-origin']).toBe('*');
  const etag = json.headers().etag;
  expect(etag).toBeTruthy();
  const { heads } = (await json.json()) as { heads: { seq: number; hash: string; reason: string }[] };
  const head = heads.filter((h) => h.reason === 'incident_post').at(-1)!;
  expect(head.hash).toMatch(/^[0-9a-f]{64}$/);
  expect((await request.get('/api/evidence/heads.json', { headers: { 'If-None-Match': etag } })).status()).toBe(304);

  const atom = await (await request.get('/feed.atom?lang=ja')).text();
  expect(atom).toContain(`seq=${head.seq}; hash=${head.hash}`);

  await page.goto('/evidence');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('証跡ヘッドの公開記録');
  await expect(page.getByText(`seq=${head.seq}; hash=${head.hash}`).first()).toBeVisible();
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
});

test('a customer checks a pasted head without signing in: match, mismatch, garbage', async ({ page, request }) => {
  const { heads } = (await (await request.get('/api/evidence/heads.json')).json()) as { heads: { seq: number; hash: string }[] };
  const head = heads.at(-1)!;
  await page.goto('/evidence/check');
  await page.getByLabel('証跡ヘッド').fill(`X-Shirase-Evidence: seq=${head.seq}; hash=${head.hash}`);
  await page.getByRole('button', { name: '確認する' }).click();
  await expect(page.getByRole('status')).toContainText(`一致しました: 番号 ${head.seq}`);
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);

  const forged = `seq=${head.seq}; hash=${'0'.repeat(64)}`;
  await page.goto(`/evidence/check?head=${encodeURIComponent(forged)}`);
  await expect(page.getByRole('status')).toContainText('一致しません');
  await expect(page.getByRole('status')).toContainText(head.hash);

  for (const garbage of ['%00%ff', 'seq=1;hash=zz', 'x'.repeat(5_000), "'or 1=1--"]) {
    const response = await page.goto(`/evidence/check?head=${encodeURIComponent(garbage)}`);
    expect(response?.status()).toBe(200);
    await expect(page.getByRole('status')).toContainText('読み取れませんでした');
  }
  const twice = await request.get(`/evidence/check?head=a&head=${encodeURIComponent(forged)}`);
  expect(twice.status()).toBe(200);
});

test('the evidence pages at 360 px in Japanese and English', async ({ browser, request }) => {
  const { heads } = (await (await request.get('/api/evidence/heads.json')).json()) as { heads: { seq: number; hash: string }[] };
  fs.mkdirSync(SHOTS, { recursive: true });
  for (const locale of ['ja', 'en'] as const) {
    for (const scheme of ['light', 'dark'] as const) {
      const context = await browser.newContext({
        viewport: { width: 360, height: 780 },
        locale: locale === 'ja' ? 'ja-JP' : 'en-US',
        colorScheme: scheme,
      });
      const page = await context.newPage();
      for (const [name, url] of [
        ['evidence', '/evidence'],
        ['check', `/evidence/check?head=${encodeURIComponent(`seq=${heads.at(-1)!.seq}; hash=${heads.at(-1)!.hash}`)}`],
      ]) {
        await page.goto(url);
        await expect(page.locator('html')).toHaveAttribute('lang', locale);
        // Nothing wider than the phone: the 64-digit hashes wrap.
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
        await page.screenshot({ path: path.join(SHOTS, `${name}-${locale}-${scheme}.png`), fullPage: true });
      }
      await context.close();
    }
  }
});

test('checks are rate-limited per address, with a clear message and no error', async ({ request }) => {
  const head = `seq=1; hash=${'a'.repeat(64)}`;
  let limited = false;
  for (let i = 0; i < 15 && !limited; i++) {
    const response = await request.get(`/evidence/check?head=${encodeURIComponent(head)}`);
    expect(response.status()).toBe(200);
    limited = (await response.text()).includes('確認の回数が多すぎます');
  }
  expect(limited).toBe(true);
});
