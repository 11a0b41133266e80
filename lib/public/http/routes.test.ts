import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createRscCache } from '../cache/rsc-cache';
import { publicDocumentKey, publicRoute, visitorLocale } from './routes';

// A stand-in for Next's handler: counts renders, answers after a pause so requests overlap.
let renders = 0;
let version = 1;
let setCookie = false;
const cache = createRscCache();
let server: http.Server;
let base: string;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const next = () => {
      renders++;
      setTimeout(() => {
        res.setHeader('Content-Type', 'text/x-component');
        res.setHeader('Vary', 'rsc, next-router-state-tree');
        if (setCookie) res.setHeader('Set-Cookie', 'a=b');
        res.write(`0:{"v":${version},`);
        res.end(`"enc":"${req.headers['accept-encoding'] ?? 'identity'}"}`);
      }, 30);
    };
    if (!cache.handle(req, res, visitorLocale(req, 'ja'), next)) next();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));
beforeEach(() => {
  cache.clear();
  renders = 0;
  setCookie = false;
});

const refresh = (path = '/?_rsc=abc', headers: Record<string, string> = {}) =>
  fetch(`${base}${path}`, { headers: { rsc: '1', 'next-router-state-tree': 'tree', ...headers } }).then(async (r) => ({
    status: r.status,
    body: await r.text(),
  }));

describe('coalesced router refreshes of /', () => {
  it('renders once for a crowd of identical refreshes and serves everyone the same bytes', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, () => refresh()));
    expect(renders).toBe(1);
    expect(new Set(results.map((r) => r.body)).size).toBe(1);
    expect(results[0].body).toBe('0:{"v":1,"enc":"identity"}');
    await refresh();
    expect(renders).toBe(1);
  });

  it('renders again after a change, and keeps variants (language, router state) apart', async () => {
    await refresh();
    version = 2;
    cache.clear();
    expect((await refresh()).body).toContain('"v":2');
    await refresh('/?_rsc=abc', { cookie: 'shirase_locale=en' });
    await refresh('/?_rsc=abc', { 'next-router-state-tree': 'other' });
    expect(renders).toBe(4);
  });

  it('never stores responses that set cookies, and leaves other paths and plain page loads alone', async () => {
    setCookie = true;
    await refresh();
    await refresh();
    expect(renders).toBe(2);
    setCookie = false;
    await refresh('/admin?_rsc=abc');
    await refresh('/admin?_rsc=abc');
    await fetch(`${base}/`);
    expect(renders).toBe(5);
  });

  it('coalesces metadata prefetches of public pages too', async () => {
    await Promise.all([1, 2, 3].map(() => refresh('/history?_rsc=x', { 'next-router-prefetch': '1' })));
    expect(renders).toBe(1);
  });
});

describe('which requests the byte cache answers', () => {
  const request = (url: string, headers: Record<string, string> = {}, method = 'GET') =>
    ({ url, method, headers }) as unknown as http.IncomingMessage;

  it('serves / in the visitor language: cookie, then Accept-Language, then the default', () => {
    expect(publicDocumentKey(request('/'), 'ja')).toBe('html:/:ja');
    expect(publicDocumentKey(request('/', { 'accept-language': 'en-US,en;q=0.9' }), 'ja')).toBe('html:/:en');
    expect(
      publicDocumentKey(request('/?utm_source=x', { cookie: 'a=1; shirase_locale=ja', 'accept-language': 'en' }), 'ja'),
    ).toBe('html:/:ja');
  });

  it('leaves router requests, other methods and unknown paths to Next', () => {
    expect(publicDocumentKey(request('/', { rsc: '1' }), 'ja')).toBeNull();
    expect(publicDocumentKey(request('/?_rsc=1'), 'ja')).toBeNull();
    expect(publicDocumentKey(request('/', {}, 'POST'), 'ja')).toBeNull();
    expect(publicDocumentKey(request('/api/v2/nope.json'), 'ja')).toBeNull();
    expect(publicDocumentKey(request('/history', { rsc: '1' }), 'ja')).toBeNull();
    expect(publicDocumentKey(request('/incidents/not-an-id'), 'ja')).toBeNull();
    expect(publicDocumentKey(request('/maintenance/x/y'), 'ja')).toBeNull();
  });

  it('takes ?lang= for APIs, feeds, badges and the embed', () => {
    expect(publicDocumentKey(request('/api/v2/incidents/unresolved.json?lang=en'), 'ja')).toBe('v2:incidents/unresolved.json:en');
    expect(publicDocumentKey(request('/api/v2/summary.json', { 'accept-language': 'en' }), 'ja')).toBe('v2:summary.json:ja');
    expect(publicDocumentKey(request('/feed.atom', { 'accept-language': 'en' }), 'ja')).toBe('feed:atom:en');
    expect(publicDocumentKey(request('/badge.svg?component=abc&lang=en'), 'ja')).toBe('badge:abc:en');
    expect(publicDocumentKey(request('/embed?lang=en', {}, 'HEAD'), 'ja')).toBe('embed:en');
  });

  it('keys the detail pages by one canonical path, the language by ?lang= or the visitor', () => {
    const id = 'AAAAAAAA-1111-4111-8111-111111111111';
    expect(publicDocumentKey(request(`/incidents/${id}?utm_source=mail`), 'ja')).toBe(`html:/incidents/${id.toLowerCase()}:ja`);
    expect(publicDocumentKey(request(`/maintenance/${id}?lang=en`, { cookie: 'shirase_locale=ja' }), 'ja')).toBe(
      `html:/maintenance/${id.toLowerCase()}:en`,
    );
    expect(publicDocumentKey(request('/history?month=2026-13'), 'ja')).toBe('html:/history:ja');
    expect(publicDocumentKey(request('/history?month=2026-10', { 'accept-language': 'en' }), 'ja')).toBe(
      'html:/history?month=2026-10:en',
    );
    expect(publicDocumentKey(request(`/maintenance?component=${id}&month=2026-12&x=1`), 'ja')).toBe(
      `html:/maintenance?month=2026-12&component=${id.toLowerCase()}:ja`,
    );
  });

  it('lets a CDN keep only copies whose language the URL names, or the default', () => {
    expect(publicRoute(request('/history'), 'ja')?.shared).toBe(true);
    expect(publicRoute(request('/history?lang=en', { cookie: 'shirase_locale=ja' }), 'ja')?.shared).toBe(true);
    expect(publicRoute(request('/history', { cookie: 'shirase_locale=en' }), 'ja')?.shared).toBe(false);
    expect(publicRoute(request('/', { 'accept-language': 'en' }), 'ja')?.shared).toBe(false);
    expect(publicRoute(request('/api/v2/summary.json', { 'accept-language': 'en' }), 'ja')?.shared).toBe(true);
  });
});
