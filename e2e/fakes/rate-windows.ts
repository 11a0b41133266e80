// The two limits the fake Chatwork enforces: a fixed window per API token (advertised in
// x-ratelimit-* headers) and a sliding window per room (not advertised, as on Chatwork).

export interface FixedWindowState {
  limit: number;
  remaining: number;
  /** Epoch seconds at which the window ends (rounded up, never early). */
  resetEpochSec: number;
  allowed: boolean;
}

export class FixedWindowCounter {
  private windows = new Map<string, { startedAt: number; count: number }>();

  constructor(
    readonly limit: number,
    readonly windowMs: number,
  ) {}

  /** Counts one request for `key` at `now`. */
  hit(key: string, now: number): FixedWindowState {
    let window = this.windows.get(key);
    if (!window || now >= window.startedAt + this.windowMs) {
      // Whole-second windows start on a second boundary so the epoch-second reset header is exact.
      const startedAt = this.windowMs % 1000 === 0 ? Math.floor(now / 1000) * 1000 : now;
      window = { startedAt, count: 0 };
      this.windows.set(key, window);
    }
    window.count++;
    return {
      limit: this.limit,
      remaining: Math.max(0, this.limit - window.count),
      resetEpochSec: Math.ceil((window.startedAt + this.windowMs) / 1000),
      allowed: window.count <= this.limit,
    };
  }

  clear(): void {
    this.windows.clear();
  }
}

export class SlidingWindowLog {
  private logs = new Map<string, number[]>();

  constructor(
    readonly limit: number,
    readonly windowMs: number,
  ) {}

  /** True (and recorded) when one more event for `key` at `now` stays within the limit. */
  tryHit(key: string, now: number): boolean {
    const log = (this.logs.get(key) ?? []).filter((at) => at > now - this.windowMs);
    const allowed = log.length < this.limit;
    if (allowed) log.push(now);
    this.logs.set(key, log);
    return allowed;
  }

  clear(): void {
    this.logs.clear();
  }
}
