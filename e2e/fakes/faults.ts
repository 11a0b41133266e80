// Fault injection shared by the fakes: a queue of faults for the next calls ("fail the next 3")
// plus a random share of calls ("fail 30 %"). A seed makes a faulty run repeatable.

export type Random = () => number;

/** mulberry32: tiny, seedable, good enough to pick which calls fail. */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface FaultRate<F> {
  /** Share of calls that fail, 0..1. */
  rate: number;
  /** One is picked at random for each failing call. */
  faults: readonly F[];
}

export class FaultPlan<F> {
  private queued: F[] = [];
  private random: Random;
  private share: FaultRate<F> | undefined;
  injected = 0;

  constructor(seed?: number) {
    this.random = seed === undefined ? Math.random : seededRandom(seed);
  }

  /** The next `count` calls fail with `fault`, before any random faults. */
  failNext(count: number, fault: F): void {
    for (let i = 0; i < count; i++) this.queued.push(fault);
  }

  /** From now on a share of calls fail; `undefined` or rate 0 stops it. */
  setRate(share: FaultRate<F> | undefined): void {
    this.share = share && share.rate > 0 && share.faults.length > 0 ? share : undefined;
  }

  reseed(seed: number): void {
    this.random = seededRandom(seed);
  }

  clear(): void {
    this.queued = [];
    this.share = undefined;
  }

  /** The fault for this call, if any. */
  draw(): F | undefined {
    const fault = this.queued.shift() ?? this.drawRandom();
    if (fault !== undefined) this.injected++;
    return fault;
  }

  private drawRandom(): F | undefined {
    if (!this.share || this.random() >= this.share.rate) return undefined;
    const { faults } = this.share;
    return faults[Math.floor(this.random() * faults.length)];
  }
}
