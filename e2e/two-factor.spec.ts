import { expect, test, type Page } from '@playwright/test';
import { and, eq } from 'drizzle-orm';
import * as OTPAuth from 'otpauth';
import { openDatabase, type DatabaseHandle } from '../db/client';
import { auditLog, users } from '../db/schema';
import { openTotpSecret } from '../lib/services/sessions/totp-sealing';
import { createUser } from '../test/console-fixtures';
import {
  createFreshDatabase,
  NO_POSTGRES,
  postgresAnswers,
  startWebServer,
  type ShiraseProcess,
} from '../test/hardening/processes';

// Two-factor sign-in in the browser (issue 15), on its own server and database so the
// operator's "require two-factor for admins" switch cannot reach other specs: enrolment with
// the app's code, sign-in with a code and with a recovery code (each once), the secret sealed
// at rest, and an admin without two-factor held to reading until they enrol.

test.describe.configure({ mode: 'serial' });
test.setTimeout(180_000);

const OWNER = { email: 'owner@example.com', password: 'two-factor-owner-password' };
const SECOND_ADMIN = { email: 'second-admin@example.com', password: 'second-admin-password' };
const SESSION_SECRET = 'two-factor-e2e-session-secret-0123456789';
let server: ShiraseProcess & { url: string };
let handle: DatabaseHandle;
let dropDatabase: () => Promise<void>;
let ownerSecret = '';
let recoveryCodes: string[] = [];

test.beforeAll(async () => {
  test.setTimeout(240_000);
  test.skip(!(await postgresAnswers()), NO_POSTGRES);
  const database = await createFreshDatabase();
  dropDatabase = database.drop;
  const port = Number(process.env.E2E_PORT ?? 3100) + 3;
  server = await startWebServer({
    PORT: String(port),
    DATABASE_URL: database.url,
    ADMIN_EMAIL: OWNER.email,
    ADMIN_PASSWORD: OWNER.password,
    SESSION_SECRET,
    DISPATCHER: 'off',
    CHECKER: 'off',
  });
  handle = await openDatabase({ driver: 'postgres', url: database.url, max: 2 });
});
test.afterAll(async () => {
  await server?.stop();
  await handle?.close();
  await dropDatabase?.();
});

async function passwordStep(page: Page, account: { email: string; password: string }) {
  await page.context().clearCookies();
  await page.goto(`${server.url}/admin/sign-in`);
  await page.getByLabel('メールアドレス').fill(account.email);
  await page.getByLabel('パスワード').fill(account.password);
  await page.getByRole('button', { name: 'サインイン' }).click();
}

async function secondStep(page: Page, code: string) {
  await expect(page).toHaveURL(`${server.url}/admin/sign-in/two-factor`, { timeout: 20_000 });
  await page.getByLabel('コード').fill(code);
  await page.getByRole('button', { name: 'サインイン' }).click();
}

/** The code the owner's app shows `stepsAhead` 30-second steps from now (the server accepts ±1 step). */
const appCode = (secret: string, stepsAhead = 0) =>
  new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret) }).generate({ timestamp: Date.now() + stepsAhead * 30_000 });

/** Enrols the signed-in user on the two-factor page; returns the secret shown and the recovery codes. */
async function enrol(page: Page): Promise<{ secret: string; codes: string[] }> {
  await page.goto(`${server.url}/admin/account/two-factor`);
  await page.getByRole('button', { name: '二要素認証を設定する' }).click();
  await expect(page.getByRole('img', { name: '認証アプリ用のQRコード' })).toBeVisible({ timeout: 20_000 });
  const secret = (await page.locator('.two-factor-secret').innerText()).replace(/\s/g, '');
  await page.getByLabel('アプリのコード').fill(appCode(secret));
  await page.getByRole('button', { name: '有効にする' }).click();
  const message = page.getByRole('status').filter({ hasText: 'リカバリーコード' });
  await expect(message).toBeVisible({ timeout: 20_000 });
  const codes = (await message.innerText()).match(/[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}/g) ?? [];
  return { secret, codes };
}

test('an admin enrols with the app, and the secret is stored sealed', async ({ page }) => {
  await passwordStep(page, OWNER);
  await expect(page).toHaveURL(`${server.url}/admin`, { timeout: 20_000 });
  ({ secret: ownerSecret, codes: recoveryCodes } = await enrol(page));
  expect(ownerSecret).toMatch(/^[A-Z2-7]{32}$/);
  expect(recoveryCodes).toHaveLength(10);
  await page.goto(`${server.url}/admin/account/two-factor`);
  await expect(page.getByRole('heading', { name: '二要素認証は有効です' })).toBeVisible();

  const [row] = await handle.db.select().from(users).where(eq(users.email, OWNER.email));
  expect(row.totpEnabledAt).not.toBeNull();
  expect(row.totpSecret).toMatch(/^v1\./);
  expect(row.totpSecret).not.toContain(ownerSecret);
  // Only the server's key opens it.
  expect(await openTotpSecret(handle.db, row.id, row.totpSecret, { session: SESSION_SECRET })).toBe(ownerSecret);
  expect(await openTotpSecret(handle.db, row.id, row.totpSecret, { session: `${SESSION_SECRET}-other` })).toBeNull();
});

test('signing in asks for the code after the password; a wrong code is refused, the right one signs in', async ({ page }) => {
  await passwordStep(page, OWNER);
  const right = appCode(ownerSecret, 1);
  await secondStep(page, String((Number(right) + 1) % 1_000_000).padStart(6, '0'));
  await expect(page.getByRole('alert').first()).toBeVisible({ timeout: 20_000 });
  await expect(page).toHaveURL(`${server.url}/admin/sign-in/two-factor`);
  // A fresh page (the challenge cookie still holds), so React's reset of the refused form cannot clear the next entry.
  await page.reload();
  await secondStep(page, right);
  await expect(page).toHaveURL(`${server.url}/admin`, { timeout: 20_000 });
  // The password alone never opened a session.
  await page.context().clearCookies();
  await page.goto(`${server.url}/admin/users`);
  await expect(page).toHaveURL(`${server.url}/admin/sign-in`);
});

test('a recovery code signs in once, with an audit row; used again it is refused', async ({ page }) => {
  await passwordStep(page, OWNER);
  await secondStep(page, recoveryCodes[0].toUpperCase());
  await expect(page).toHaveURL(`${server.url}/admin`, { timeout: 20_000 });
  const [owner] = await handle.db.select().from(users).where(eq(users.email, OWNER.email));
  expect(owner.recoveryCodeHashes).toHaveLength(9);
  expect(
    await handle.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'user.recovery_code_used'), eq(auditLog.entityId, owner.id))),
  ).toHaveLength(1);

  await passwordStep(page, OWNER);
  await secondStep(page, recoveryCodes[0]);
  await expect(page.getByRole('alert').first()).toBeVisible({ timeout: 20_000 });
  await expect(page).toHaveURL(`${server.url}/admin/sign-in/two-factor`);
});

test('with "require two-factor for admins" on, an admin without it can only read until they enrol', async ({ page, browser }) => {
  await passwordStep(page, OWNER);
  await secondStep(page, recoveryCodes[1]);
  await expect(page).toHaveURL(`${server.url}/admin`, { timeout: 20_000 });
  await page.goto(`${server.url}/admin/settings`);
  await page.getByLabel('管理者に二要素認証を必須にする').check();
  await page.getByRole('region', { name: 'サインインのセキュリティ' }).getByRole('button', { name: '保存' }).click();
  await expect(page.getByRole('status').filter({ hasText: '設定を保存しました。' })).toBeVisible({ timeout: 20_000 });

  await createUser(handle.db, 'admin', { email: SECOND_ADMIN.email, password: SECOND_ADMIN.password });
  const context = await browser.newContext({ locale: 'ja-JP', timezoneId: 'Asia/Tokyo' });
  const second = await context.newPage();
  await passwordStep(second, SECOND_ADMIN);
  await expect(second).toHaveURL(`${server.url}/admin`, { timeout: 20_000 });
  // An admin page sends them to enrol, with the reason.
  await second.goto(`${server.url}/admin/users`);
  await expect(second).toHaveURL(`${server.url}/admin/account/two-factor`);
  await expect(second.getByRole('alert').filter({ hasText: '管理者には二要素認証が必須です' }).first()).toBeVisible();
  await enrol(second);
  await second.goto(`${server.url}/admin/users`);
  await expect(second).toHaveURL(`${server.url}/admin/users`);
  await context.close();
});
