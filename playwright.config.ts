import { defineConfig } from '@playwright/test';
import path from 'node:path';

// End-to-end tests run against the production build on a fresh embedded database,
// with the local SMTP/LINE/Chatwork fakes standing in for the outside services.
const PORT = Number(process.env.E2E_PORT ?? 3100);
const dataDir = path.resolve(`.tmp/e2e-${Date.now()}/pg`);
export const e2eEnv = {
  PORT: String(PORT),
  PGLITE_DIR: dataDir,
  DATABASE_URL: '',
  NEXT_TELEMETRY_DISABLED: '1',
  ADMIN_EMAIL: 'admin@example.com',
  ADMIN_PASSWORD: 'correct-horse-battery',
  // Monitor tests check targets on loopback.
  MONITOR_ALLOW_PRIVATE: 'true',
  // Secrets the build and the server see; e2e/hardening-leaks.spec.ts checks none reaches a client chunk or page.
  LINE_CHANNEL_SECRET: 'e2e-build-canary-line-channel-secret',
  ALERTMANAGER_TOKEN: 'e2e-build-canary-alertmanager-token',
  CHATWORK_WEBHOOK_TOKEN: 'ZTJlLWJ1aWxkLWNhbmFyeS1jaGF0d29yaw==',
  SESSION_SECRET: 'e2e-build-canary-session-secret-0123456789',
};

export default defineConfig({
  testDir: './e2e',
  // The seeded-page checks run first, in their own project: later specs change component
  // statuses and open incidents on the same database, so the demo state only holds before them.
  projects: [
    { name: 'seeded-page', testMatch: '**/status-page.spec.ts' },
    { name: 'app', testMatch: '**/*.spec.ts', testIgnore: '**/status-page.spec.ts', dependencies: ['seeded-page'] },
  ],
  timeout: 60_000,
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    locale: 'ja-JP',
    timezoneId: 'Asia/Tokyo',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: {
    command: 'npx next build && exec npx tsx scripts/start.ts',
    url: `http://127.0.0.1:${PORT}/`,
    timeout: 600_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    env: e2eEnv,
  },
});
