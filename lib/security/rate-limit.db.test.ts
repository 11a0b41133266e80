import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '@/db/client';
import { rateLimits } from '@/db/schema';
import { createTestDatabase } from '@/test/db';
import { clearLimit, hitLimit, peekLimit, type LimitRule } from './rate-limit';

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(async () => handle.close());

const minute = 60_000;
const rule: LimitRule = { name: 'test-five-per-minute', limit: 5, windowMs: minute };
const at = (ms: number) => new Date(Date.UTC(2026, 11, 7, 5, 0, 0) + ms);

describe('rate limits in the database', () => {
  it('allows the limit in a window, refuses the next, and says when to come back', async () => {
    const states = [];
    for (let i = 0; i < 7; i++) states.push(await hitLimit(handle.db, rule, 'a', { now: at(i * 1000) }));
    expect(states.map((s) => s.allowed)).toEqual([true, true, true, true, true, false, false]);
    expect(states[5].retryAfterSeconds).toBeGreaterThan(0);
    expect(states[5].retryAfterSeconds).toBeLessThanOrEqual(120);
    expect((await peekLimit(handle.db, rule, 'a', at(10_000))).allowed).toBe(false);
    expect((await peekLimit(handle.db, rule, 'b', at(10_000))).allowed).toBe(true);
  });

  it('slides: the previous window still weighs in at the start of the next, and fades', async () => {
    for (let i = 0; i < 5; i++) await hitLimit(handle.db, rule, 'slide', { now: at(50_000 + i) });
    // 10 s into the next window the five earlier hits still count as four.
    expect((await hitLimit(handle.db, rule, 'slide', { now: at(minute + 10_000) })).allowed).toBe(true);
    expect((await hitLimit(handle.db, rule, 'slide', { now: at(minute + 11_000) })).allowed).toBe(false);
    // Two windows later nothing is left.
    expect((await hitLimit(handle.db, rule, 'slide', { now: at(3 * minute + 1) })).count).toBe(1);
  });

  it('counts concurrent hits exactly once each (one atomic upsert)', async () => {
    const wide: LimitRule = { name: 'test-concurrent', limit: 20, windowMs: minute };
    const states = await Promise.all(Array.from({ length: 40 }, () => hitLimit(handle.db, wide, 'burst', { now: at(1000) })));
    expect(states.filter((s) => s.allowed)).toHaveLength(20);
  });

  it('stores subjects hashed and clears a subject with every pair it starts', async () => {
    await hitLimit(handle.db, rule, 'owner@example.com', { now: at(0) });
    await hitLimit(handle.db, rule, ['owner@example.com', '192.0.2.1'], { now: at(0) });
    await hitLimit(handle.db, rule, ['other@example.com', '192.0.2.1'], { now: at(0) });
    const keys = (await handle.db.select().from(rateLimits)).map((r) => r.key);
    expect(keys.join()).not.toContain('example.com');
    await clearLimit(handle.db, rule, 'owner@example.com');
    expect((await peekLimit(handle.db, rule, 'owner@example.com', at(1))).count).toBe(0);
    expect((await peekLimit(handle.db, rule, ['owner@example.com', '192.0.2.1'], at(1))).count).toBe(0);
    expect((await peekLimit(handle.db, rule, ['other@example.com', '192.0.2.1'], at(1))).count).toBe(1);
  });
});
