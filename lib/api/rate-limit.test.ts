import { describe, expect, it } from 'vitest';
import { createRateLimiter } from './rate-limit';

describe('rate limiter', () => {
  it('allows a burst up to the capacity, then says when to come back', () => {
    const limiter = createRateLimiter({ capacity: 3, refillPerSecond: 0.5 });
    const t0 = 1_000_000;
    expect([1, 2, 3].map(() => limiter.take('k', t0).allowed)).toEqual([true, true, true]);
    expect(limiter.take('k', t0)).toEqual({ allowed: false, retryAfterSeconds: 2 });
    expect(limiter.take('other', t0).allowed).toBe(true);
    expect(limiter.take('k', t0 + 2_000).allowed).toBe(true);
    expect(limiter.take('k', t0 + 2_000).allowed).toBe(false);
  });
});
