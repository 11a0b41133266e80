import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { holdServerErrors, type Replacement } from './server-error-hold';

// A real server whose handler answers like Next does (status set, headers, streamed body), with
// the hold in front; the replacement is chosen per request by a query parameter.
let server: http.Server;
let base: string;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const url = new URL(req.url!, 'http://x');
    const replacement: Replacement | null = url.searchParams.has('replace')
      ? { status: 503, headers: { 'retry-after': '30' }, body: 'later' }
      : null;
    holdServerErrors(res, async () => replacement);
    res.statusCode = Number(url.searchParams.get('status'));
    res.setHeader('x-from-next', '1');
    if (url.searchParams.has('flush')) res.flushHeaders();
    res.write('part one, ');
    setTimeout(() => res.end('part two'), 5);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('holdServerErrors', () => {
  it('replaces a 5xx before any byte of it is sent, dropping the headers set for it', async () => {
    for (const query of ['status=500&replace', 'status=500&replace&flush']) {
      const response = await fetch(`${base}/?${query}`);
      expect(response.status, query).toBe(503);
      expect(response.headers.get('retry-after')).toBe('30');
      expect(response.headers.get('x-from-next')).toBeNull();
      expect(await response.text()).toBe('later');
    }
  });

  it('lets the held 5xx go out unchanged when there is no replacement', async () => {
    const response = await fetch(`${base}/?status=500`);
    expect(response.status).toBe(500);
    expect(response.headers.get('x-from-next')).toBe('1');
    expect(await response.text()).toBe('part one, part two');
  });

  it('never touches other answers', async () => {
    const response = await fetch(`${base}/?status=200&replace`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('part one, part two');
  });
});
