import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { e2eEnv } from '../playwright.config';
import { CANARIES, startHardeningApp, type HardeningApp } from '../test/hardening/e2e-app';
import { NO_POSTGRES, postgresAnswers } from '../test/hardening/processes';

// Secrets never reach the client: not the built bundle (the build ran with canary secrets in its
// environment, see playwright.config.ts), not any page, payload or error answer of a server whose
// every secret is a canary, not its logs. And the public pages served from pre-rendered bytes
// carry the same security headers as the pages Next renders: a CSP whose scripts are allowed by
// hash (never 'unsafe-inline'), nosniff, a referrer policy, and framing denied except /embed.

test.describe.configure({ mode: 'serial' });
test.setTimeout(120_000);

let app: HardeningApp;
const buildSecrets = Object.entries(e2eEnv).filter(([name]) => /SECRET|TOKEN|PASSWORD/.test(name));
const allSecrets = [...buildSecrets, ...Object.entries(CANARIES)];

test.beforeAll(async () => {
  test.setTimeout(240_000);
  test.skip(!(await postgresAnswers()), NO_POSTGRES);
  app = await startHardeningApp();
  // The first pre-rendered copy of `/` is built just after start-up.
  await expect.poll(async () => (await fetch(`${app.url}/`)).headers.get('etag'), { timeout: 60_000 }).toBeTruthy();
});
test.afterAll(async () => {
  await app?.stop();
});

function expectNoSecret(text: string, where: string) {
  for (const [name, value] of allSecrets) expect(text.includes(value), `${name} in ${where}`).toBe(false);
}

function files(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name));
}

test('the built client chunks and pre-rendered server HTML hold no secret', () => {
  const scanned = [
    ...files('.next/static'),
    ...files('.next/server/app').filter((f) => /\.(html|rsc|body|meta|segments)$|\.segment\.rsc$/.test(f)),
  ];
  expect(scanned.length).toBeGreaterThan(20);
  for (const file of scanned) expectNoSecret(fs.readFileSync(file, 'latin1'), file);
});

test('public pages, their RSC payloads, feeds, APIs, error answers and the client chunks they load hold no secret', async () => {
  const f = app.fixtures;
  const paths = [
    '/',
    '/?lang=en',
    '/history',
    '/maintenance',
    `/maintenance/${f.maintenanceId}`,
    '/subscribe',
    `/incidents/${f.resolvedIncidentId}`,
    `/manage/${f.manageToken}`,
    `/subscribe/confirm/${f.confirmationToken}`,
    '/admin/sign-in',
    '/admin',
    '/no-such-page',
    '/incidents/%E0%A4%A',
    '/embed',
    '/widget.js',
    '/badge.svg',
    '/feed.rss',
    '/feed.atom',
    '/api/v2/summary.json',
    '/evidence',
    '/evidence/check',
    '/api/evidence/heads.json',
    '/api/maintenance.ics',
    '/api/health',
    '/api/stream?probe=1',
    `/api/v1/pages/${f.pageId}/components`,
    '/api/webhooks/line',
    '/api/webhooks/alertmanager',
    '/u/bad-token',
  ];
  const chunks = new Set<string>();
  for (const p of paths) {
    for (const headers of [{}, { rsc: '1' }] as Record<string, string>[]) {
      const controller = new AbortController();
      const response = await fetch(app.url + p, { headers, redirect: 'manual', signal: controller.signal });
      // The live stream never ends: its first bytes are enough.
      const body = p.startsWith('/api/stream') ? await firstChunk(response) : await response.text();
      controller.abort();
      expectNoSecret(body + JSON.stringify([...response.headers]), `${p} ${JSON.stringify(headers)}`);
      for (const [, src] of body.matchAll(/"(\/_next\/static\/[^"?]+\.js)/g)) chunks.add(src);
    }
  }
  for (const [method, p] of [
    ['POST', '/api/webhooks/line'],
    ['POST', '/api/webhooks/alertmanager'],
    ['POST', `/api/v1/pages/${f.pageId}/incidents`],
    ['POST', '/u/x'],
  ] as const) {
    const response = await fetch(app.url + p, {
      method,
      headers: { 'content-type': 'application/json', authorization: 'Bearer nope' },
      body: '{"broken":',
    });
    expectNoSecret(await response.text(), `${method} ${p}`);
  }
  expect(chunks.size).toBeGreaterThan(3);
  for (const chunk of chunks) expectNoSecret(await (await fetch(app.url + chunk)).text(), chunk);
  expectNoSecret(app.server.logs(), 'the server log');
});

async function firstChunk(response: Response): Promise<string> {
  const reader = response.body!.getReader();
  const { value } = await reader.read();
  await reader.cancel();
  return new TextDecoder().decode(value);
}

const scriptSrc = (csp: string) => csp.split(';').find((d) => d.trim().startsWith('script-src')) ?? '';

test('pre-rendered public bytes carry a hash-based CSP (no unsafe-inline), nosniff, a referrer policy, and deny framing except /embed', async () => {
  for (const [p, headers] of [
    ['/', {}],
    ['/', { 'accept-language': 'en' }],
    ['/', { 'accept-encoding': 'br' }],
    ['/', { 'accept-encoding': 'gzip' }],
  ] as [string, Record<string, string>][]) {
    const response = await fetch(app.url + p, { headers });
    const h = response.headers;
    expect(h.get('etag'), 'served from the pre-rendered copy').toBeTruthy();
    const csp = h.get('content-security-policy') ?? '';
    expect(scriptSrc(csp)).not.toContain("'unsafe-inline'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(h.get('x-content-type-options')).toBe('nosniff');
    expect(h.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    expect(h.get('x-frame-options')).toBe('DENY');
    // Every inline script in the bytes is allowed by its hash, and only those.
    const html = await response.text();
    const inline = [...html.matchAll(/<script\b(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]).filter(Boolean);
    const hashes = inline.map((s) => `'sha256-${createHash('sha256').update(s).digest('base64')}'`);
    expect(inline.length).toBeGreaterThan(0);
    for (const hash of hashes) expect(scriptSrc(csp)).toContain(hash);
    expect(html).not.toMatch(/\snonce="/);
  }
  const embed = await fetch(`${app.url}/embed`);
  const embedCsp = embed.headers.get('content-security-policy') ?? '';
  expect(embedCsp).toContain('frame-ancestors *');
  expect(scriptSrc(embedCsp)).not.toContain("'unsafe-inline'");
  expect(embed.headers.get('x-frame-options')).toBeNull();
  expect(embed.headers.get('x-content-type-options')).toBe('nosniff');
  for (const p of ['/api/v2/summary.json', '/api/v2/components.json', '/feed.rss', '/feed.atom', '/badge.svg', '/widget.js']) {
    const response = await fetch(app.url + p);
    expect(response.headers.get('etag'), p).toBeTruthy();
    expect(response.headers.get('x-content-type-options'), p).toBe('nosniff');
  }
});

test('the pre-rendered page runs under its CSP in Chromium without a violation', async ({ page }) => {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
  });
  await page.goto(`${app.url}/`);
  await page.waitForLoadState('load');
  await expect(page.locator('main')).toBeVisible();
  expect(violations).toEqual([]);
});
