import zlib from 'node:zlib';
import { describe, expect, it, vi } from 'vitest';
import { createEntry, pickResponse } from './entry';

// A status page's shape: many similar rows whose dates, numbers and words vary (seeded).
let seed = 7;
const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
const words = ['API', '管理画面', '発信', '着信', '録音', '遅延', '停止', '復旧', '調査', '原因'];
const pick = (n: number) => Math.floor(random() * n);
const page = Array.from(
  { length: 900 },
  (_, i) =>
    `<rect x="${i * 8}" width="6" height="34" class="b${pick(4)}"><title>2026-${String(1 + pick(12)).padStart(2, '0')}-${String(1 + pick(28)).padStart(2, '0')}: ${(99 + random()).toFixed(2)}% ${pick(300)} min ${words[pick(10)]}${words[pick(10)]}</title></rect>`,
).join('');

describe('createEntry', () => {
  it('serves brotli at once, then swaps in the smaller quality-11 bytes of the same content and validators', async () => {
    const entry = createEntry(page, { 'Content-Type': 'text/html; charset=utf-8' });
    const first = pickResponse(entry, 'br, gzip');
    expect(zlib.brotliDecompressSync(first.bytes).toString()).toBe(page);
    await vi.waitFor(() => expect(entry.bestBrotli).toBe(true), { timeout: 10_000 });
    const best = pickResponse(entry, 'br, gzip');
    expect(best.bytes.length).toBeLessThan(first.bytes.length);
    expect(zlib.brotliDecompressSync(best.bytes).toString()).toBe(page);
    expect(best.headers).toContain('ETag');
    const etagOf = (headers: (string | number)[]) => headers[headers.indexOf('ETag') + 1];
    expect(etagOf(best.headers)).toBe(etagOf(first.headers));
    expect(best.headers[best.headers.indexOf('Content-Length') + 1]).toBe(best.bytes.length);
  });

  it('keeps small documents at the fast quality, and a rebuilt identical page keeps the better bytes', async () => {
    const small = createEntry('x'.repeat(2_000), {});
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(small.bestBrotli).toBeUndefined();
    const entry = createEntry(page, {});
    await vi.waitFor(() => expect(entry.bestBrotli).toBe(true), { timeout: 10_000 });
    const again = createEntry(page, {}, new Date(), entry);
    expect(again.bestBrotli).toBe(true);
    expect(again.br).toBe(entry.br);
  });
});
