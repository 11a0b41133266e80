import { expect, test } from '@playwright/test';

const PAGES = [
  '/',
  '/history',
  '/evidence',
  '/evidence/check?head=seq%3D1',
  '/incidents/00000000-0000-0000-0000-000000000000',
  '/admin',
];

test('every page carries a strict CSP (no inline scripts without nonce/hash) and the other security headers', async ({
  request,
}) => {
  for (const path of PAGES) {
    const response = await request.get(path, { maxRedirects: 0 });
    const headers = response.headers();
    const csp = headers['content-security-policy'] ?? '';
    const scriptSrc = csp.split(';').find((d) => d.trim().startsWith('script-src')) ?? '';
    expect(scriptSrc, path).not.toContain("'unsafe-inline'");
    expect(scriptSrc, path).toMatch(/'nonce-|'sha256-/);
    expect(csp, path).toContain("frame-ancestors 'none'");
    expect(headers['x-content-type-options'], path).toBe('nosniff');
    expect(headers['referrer-policy'], path).toBe('strict-origin-when-cross-origin');
    expect(headers['x-frame-options'], path).toBe('DENY');
  }
});

test('pages run under the CSP without violations', async ({ page }) => {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  for (const path of ['/', '/history', '/evidence', '/evidence/check']) {
    await page.goto(path);
    await page.waitForLoadState('load');
  }
  expect(violations).toEqual([]);
  // Next's runtime ran (its scripts carry the nonce): client navigation works.
  await page.getByRole('link', { name: '障害履歴' }).first().click();
  await expect(page).toHaveURL(/\/history/);
});
