import { expect, type Browser, type Page } from '@playwright/test';

// Console helpers for e2e tests: sign in, and create users the way an admin does (invitation
// email read from the dev mailbox, link opened in a fresh browser context).

export const ADMIN = { email: 'admin@example.com', password: 'correct-horse-battery' };

export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/admin/sign-in');
  await page.getByLabel('メールアドレス').fill(email);
  await page.getByLabel('パスワード').fill(password);
  await page.getByRole('button', { name: 'サインイン' }).click();
  await expect(page).toHaveURL(/\/admin$/, { timeout: 20_000 });
}

/** Invites `email` with `role` as the admin and accepts in a new context; returns that signed-in page. */
export async function inviteUser(
  browser: Browser,
  admin: Page,
  email: string,
  role: 'operator' | 'viewer',
  password: string,
): Promise<Page> {
  await gotoReady(admin, '/admin/users');
  await admin.getByLabel('メールアドレス').fill(email);
  await admin.getByLabel('権限', { exact: true }).last().selectOption(role);
  await admin.getByRole('button', { name: '招待メールを送る' }).click();
  await expectSaved(admin, `${email} に招待メールを送りました`);

  await admin.goto('/admin/mailbox');
  await admin.locator('li.row', { hasText: email }).first().getByRole('link').click();
  const link = (await admin.locator('.mail-body').innerText()).match(/https?:\/\/\S+\/admin\/invitations\/[A-Za-z0-9_-]+/)![0];

  const context = await browser.newContext({ locale: 'ja-JP', timezoneId: 'Asia/Tokyo' });
  const page = await context.newPage();
  await page.goto(new URL(link).pathname);
  await page.getByLabel('表示名（任意）').fill(`${role} e2e`);
  await page.getByLabel('パスワード（10文字以上）').fill(password);
  await page.getByRole('button', { name: '参加してサインイン' }).click();
  await expect(page).toHaveURL(/\/admin$/, { timeout: 20_000 });
  return page;
}

/** Opens a console page and waits until React has hydrated its forms (a select changed before that snaps back). */
export async function gotoReady(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(page.locator('form[data-action-form]').first()).toBeAttached();
  await expect(page.locator('form[data-action-form]:not([data-hydrated])')).toHaveCount(0);
}

/** The confirmation a console form shows after saving (the shared machine can be slow: generous timeout). */
export async function expectSaved(page: Page, text: string): Promise<void> {
  await expect(page.getByRole('status').filter({ hasText: text })).toBeVisible({ timeout: 20_000 });
}

export const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
