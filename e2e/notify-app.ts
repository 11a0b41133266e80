import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expect, type Page } from '@playwright/test';
import { startChatworkApi, startLineApi, startSmtpSink, type FakeChatworkApi, type FakeLineApi, type SmtpSink } from './fakes';

// The notification e2e tests run their own Shirase (the production build the shared web server
// just made) on a fresh embedded database, wired to SMTP, LINE and Chatwork fakes in this
// process. The shared server keeps its dev mailbox, which other specs read.

export const LINE_SECRET = 'e2e-line-channel-secret';

export interface NotifyApp {
  url: string;
  sink: SmtpSink;
  line: FakeLineApi;
  chatwork: FakeChatworkApi;
  stop(): Promise<void>;
}

export async function startNotifyApp(port: number): Promise<NotifyApp> {
  const [sink, line, chatwork] = await Promise.all([startSmtpSink(), startLineApi(), startChatworkApi()]);
  const url = `http://127.0.0.1:${port}`;
  const dataDir = path.resolve(`.tmp/e2e-notify-${Date.now()}/pg`);
  fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  const server: ChildProcess = spawn(path.resolve('node_modules/.bin/tsx'), ['scripts/start.ts'], {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      PORT: String(port),
      PGLITE_DIR: dataDir,
      DATABASE_URL: '',
      PUBLIC_BASE_URL: url,
      NEXT_TELEMETRY_DISABLED: '1',
      ADMIN_EMAIL: 'admin@example.com',
      ADMIN_PASSWORD: 'correct-horse-battery',
      SMTP_URL: sink.url,
      MAIL_FROM: 'Shirase <status@example.test>',
      LINE_CHANNEL_ACCESS_TOKEN: line.channelAccessToken,
      LINE_CHANNEL_SECRET: LINE_SECRET,
      LINE_API_BASE_URL: line.url,
      CHATWORK_API_TOKEN: chatwork.tokens[0],
      CHATWORK_API_BASE_URL: chatwork.url,
      NOTIFY_RETRY_BASE_MS: '300',
    },
  });
  // The server's output is kept next to its data folder for reading after a failure.
  const logFile = fs.createWriteStream(path.join(path.dirname(dataDir), 'server.log'));
  let log = '';
  const keep = (chunk: Buffer) => {
    log += chunk.toString();
    logFile.write(chunk);
  };
  server.stdout?.on('data', keep);
  server.stderr?.on('data', keep);
  const deadline = Date.now() + 90_000;
  while (!log.includes('Shirase is ready')) {
    if (server.exitCode !== null || Date.now() > deadline) throw new Error(`notify app did not start:\n${log}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    url,
    sink,
    line,
    chatwork,
    async stop() {
      if (server.pid && server.exitCode === null) {
        const exited = new Promise((resolve) => server.once('exit', resolve));
        process.kill(-server.pid, 'SIGTERM');
        await exited;
      }
      await Promise.all([sink.close(), line.close(), chatwork.close()]);
    },
  };
}

/** Polls until `read` satisfies `done` (the dispatcher sends after the post returns). */
export async function eventually<T>(read: () => T | Promise<T>, done: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`not reached within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

export async function signInAsAdmin(page: Page): Promise<void> {
  await page.goto('/admin/sign-in');
  await page.getByLabel('メールアドレス').fill('admin@example.com');
  await page.getByLabel('パスワード').fill('correct-horse-battery');
  await page.getByRole('button', { name: 'サインイン' }).click();
  await expect(page).toHaveURL(/\/admin$/);
}

/** Opens an incident through the console, as an operator does; returns its console URL. */
export async function openIncident(page: Page, title: string, components: Record<string, string>): Promise<string> {
  await page.goto('/admin/incidents/new');
  await page.getByLabel('タイトル（日本語）').fill(title);
  await page.getByLabel('重要度').selectOption('severe');
  for (const [name, status] of Object.entries(components)) await page.getByRole('combobox', { name }).selectOption(status);
  await page.getByLabel('本文（日本語）').fill(`${title} を調査しています。`);
  await page.getByRole('button', { name: '障害を公開する' }).click();
  await expect(page.getByRole('status')).toContainText('障害を公開しました');
  return page.url().replace(/\?.*$/, '');
}

export async function postUpdate(page: Page, incidentUrl: string, body: string): Promise<void> {
  await page.goto(incidentUrl);
  await page.getByLabel('状況').first().selectOption('identified');
  await page.getByRole('textbox', { name: '本文（日本語）' }).first().fill(body);
  await page.getByRole('button', { name: '続報を公開する' }).click();
  await expect(page.getByRole('status')).toContainText('続報を公開しました');
}
