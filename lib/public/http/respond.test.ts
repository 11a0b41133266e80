import http from 'node:http';
import zlib from 'node:zlib';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEntry } from '../cache/entry';
import { prepareCachedHtml, withStaleNotice } from '../documents/html';
import { sendEntry } from './respond';

const body = JSON.stringify({ page: { name: 'x'.repeat(4000) } });
const entry = createEntry(body, { 'Content-Type': 'application/json', 'Cache-Control': 'public, max-age=10' });
let server: http.Server;
let url: string;

beforeAll(async () => {
  server = http.createServer((req, res) =>
    sendEntry(req, res, entry, {
      asOf: req.url === '/stale' ? new Date('2026-11-23T00:00:00Z') : undefined,
      personal: req.url === '/personal',
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

/** Raw request (fetch would decode and add its own Accept-Encoding). */
function get(
  path: string,
  headers: Record<string, string>,
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(`${url}${path}`, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on('error', reject);
  });
}

describe('serving cached bytes', () => {
  it('answers with the best accepted encoding and a validator per encoding', async () => {
    const br = await get('/', { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(zlib.brotliDecompressSync(br.body).toString()).toBe(body);
    const gz = await get('/', { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gz.body).toString()).toBe(body);
    const plain = await get('/', {});
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(body);
    expect(new Set([br.headers.etag, gz.headers.etag, plain.headers.etag]).size).toBe(3);
    expect(plain.headers.vary).toBe('Accept-Encoding');
    expect(plain.headers['cache-control']).toBe('public, max-age=10');
  });

  it('answers 304 with no body to any of its validators, and 200 to a stale one', async () => {
    const first = await get('/', { 'accept-encoding': 'br' });
    for (const tag of [first.headers.etag!, entry.etag, `W/${entry.etag}`, `"other", ${first.headers.etag}`]) {
      const again = await get('/', { 'accept-encoding': 'br', 'if-none-match': tag });
      expect(again.status).toBe(304);
      expect(again.body.length).toBe(0);
    }
    expect((await get('/', { 'if-none-match': '"something-else"' })).status).toBe(200);
  });

  it('refuses an encoding the client turned off with q=0', async () => {
    const res = await get('/', { 'accept-encoding': 'br;q=0, gzip' });
    expect(res.headers['content-encoding']).toBe('gzip');
  });

  it('keeps a copy in a language the URL does not name private to the visitor, same validator, 304 alike', async () => {
    const shared = await get('/', {});
    const own = await get('/personal', {});
    expect(own.headers['cache-control']).toBe('private, no-cache');
    expect(own.headers.etag).toBe(shared.headers.etag);
    const again = await get('/personal', { 'if-none-match': own.headers.etag! });
    expect(again.status).toBe(304);
    expect(again.headers['cache-control']).toBe('private, no-cache');
    // The shared copy's headers are untouched by it.
    expect((await get('/', {})).headers['cache-control']).toBe('public, max-age=10');
  });

  it('marks a last-known copy with its time', async () => {
    const res = await get('/stale', {});
    expect(res.headers['x-shirase-as-of']).toBe('2026-11-23T00:00:00.000Z');
  });
});

describe('cached HTML', () => {
  it('drops per-request nonces and allows exactly its inline scripts by hash', () => {
    const { html, scriptHashes } = prepareCachedHtml(
      '<html><body><main id="main"><script nonce="abc">self.x=1</script><script src="/a.js" nonce="abc"></script><script nonce="abc"></script></main></body></html>',
    );
    expect(html).not.toContain('nonce');
    expect(scriptHashes).toEqual(['sha256-OeQ5f9lOMes7jOc0cGCXX08CnAERweUkLpVXXpflaLg=']);
  });

  it('puts the as-of notice at the top of main, escaped', () => {
    const html = withStaleNotice('<body><main id="main" class="wrap"><h1>x</h1></main></body>', 'as of <10:00>');
    expect(html).toContain('<main id="main" class="wrap"><p class="stale-notice" role="status">as of &#60;10:00&#62;</p><h1>');
  });
});
