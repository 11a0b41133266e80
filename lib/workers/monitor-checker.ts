import type { Db } from '../../db/client';
import { runCheck } from '../monitors/checks/run';
import {
  claimDueChecks,
  recordChecks,
  releaseClaims,
  syncRegionSchedules,
  type ClaimedCheck,
  type FinishedCheck,
} from '../monitors/schedule';
import { evaluateMonitor, noteTlsExpiry } from '../services/monitors/transitions';
import { alertOperators } from '../services/monitors/operator-alerts';

// One checker: claims due checks of its region a second ahead, starts each at its planned
// instant, records finished ones in batches and, when a run of failures reaches the monitor's
// retries (or a down monitor passes), evaluates the monitor across regions. Claiming and
// recording are two loops, so a slow write (a busy disk) never delays the next checks' start.

export interface CheckerOptions {
  db: Db;
  region: string;
  checkerId: string;
  concurrency: number;
  allowPrivate: boolean;
  /** How often it looks for due checks. */
  pollMs?: number;
  /** How far ahead of their planned start it claims checks (covers a slow claim query). */
  claimAheadMs?: number;
  /** Lease beyond a check's timeout before another checker may take the row. */
  leaseMarginMs?: number;
  now?: () => Date;
  log?: (message: string, error?: unknown) => void;
  /** Every finished check (metrics, benchmarks). */
  observe?: (check: FinishedCheck) => void;
}

const SYNC_EVERY_MS = 15_000;
const FLUSH_MS = 200;
const CLAIM_AHEAD_MS = 1_000;

export class Checker {
  private readonly pollMs: number;
  private readonly now: () => Date;
  private running = false;
  private loops: Promise<void>[] = [];
  private readonly wakeUps = new Set<() => void>();
  private readonly pending = new Map<string, ClaimedCheck>();
  private readonly finished: FinishedCheck[] = [];
  private readonly followUps = new Set<Promise<unknown>>();
  private lastSync = 0;

  constructor(private readonly options: CheckerOptions) {
    this.pollMs = options.pollMs ?? 250;
    this.now = options.now ?? (() => new Date());
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loops = [this.every(this.pollMs, () => this.tickClaims()), this.every(FLUSH_MS, () => this.tickRecords())];
  }

  /** Wakes the loop early (a monitor was created or pinged). */
  wake(): void {
    this.lastSync = 0;
    for (const wakeUp of this.wakeUps) wakeUp();
  }

  /** Stops claiming, lets running checks finish and records them. */
  async stop(): Promise<void> {
    this.running = false;
    for (const wakeUp of this.wakeUps) wakeUp();
    await Promise.all(this.loops);
    while (this.pending.size > 0 || this.finished.length > 0) {
      await this.flush();
      if (this.pending.size > 0) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await Promise.allSettled([...this.followUps]);
  }

  /** Stops at once and writes nothing, as a crash would: leases run out and others take over. */
  async kill(): Promise<void> {
    this.running = false;
    for (const wakeUp of this.wakeUps) wakeUp();
    this.pending.clear();
    this.finished.length = 0;
    await Promise.all(this.loops);
  }

  get inFlight(): number {
    return this.pending.size;
  }

  /** Runs `tick` until stopped, pausing `ms` between runs (or less when woken). */
  private async every(ms: number, tick: () => Promise<void>): Promise<void> {
    while (this.running) {
      try {
        await tick();
      } catch (error) {
        this.options.log?.('checker: tick failed', error);
      }
      if (!this.running) break;
      await new Promise<void>((resolve) => {
        const wakeUp = () => {
          clearTimeout(timer);
          this.wakeUps.delete(wakeUp);
          resolve();
        };
        const timer = setTimeout(wakeUp, ms);
        this.wakeUps.add(wakeUp);
      });
    }
  }

  private async tickClaims(): Promise<void> {
    await this.claim();
  }

  private async tickRecords(): Promise<void> {
    if (Date.now() - this.lastSync > SYNC_EVERY_MS) {
      await syncRegionSchedules(this.options.db, this.options.region);
      this.lastSync = Date.now();
    }
    await this.flush();
  }

  private async claim(): Promise<void> {
    const room = this.options.concurrency - this.pending.size;
    if (room <= 0) return;
    const claims = await claimDueChecks(this.options.db, {
      region: this.options.region,
      checkerId: this.options.checkerId,
      limit: room,
      now: this.now(),
      horizonMs: this.options.claimAheadMs ?? CLAIM_AHEAD_MS,
      leaseMarginMs: this.options.leaseMarginMs ?? 15_000,
    });
    for (const claim of claims) {
      this.pending.set(claim.id, claim);
      const delay = Math.max(0, claim.plannedAt.getTime() - this.now().getTime());
      setTimeout(() => void this.check(claim), delay);
    }
  }

  private async check(claim: ClaimedCheck): Promise<void> {
    if (!this.running) {
      // Stopped before its planned instant: hand the row back unchecked.
      this.pending.delete(claim.id);
      await releaseClaims(this.options.db, {
        region: this.options.region,
        checkerId: this.options.checkerId,
        monitorIds: [claim.id],
      }).catch(() => {});
      return;
    }
    const startedAt = this.now();
    const result = await runCheck(claim, { allowPrivate: this.options.allowPrivate, now: this.now });
    if (!this.pending.has(claim.id)) return; // killed meanwhile
    const check = { claim, startedAt, result };
    this.finished.push(check);
    this.options.observe?.(check);
  }

  private async flush(): Promise<void> {
    const batch = this.finished.splice(0, this.finished.length);
    if (batch.length === 0) return;
    let recorded;
    try {
      recorded = await recordChecks(this.options.db, {
        region: this.options.region,
        checkerId: this.options.checkerId,
        finished: batch,
        now: this.now(),
      });
    } catch (error) {
      // Unrecorded checks keep their leases; when those run out another checker repeats them.
      this.options.log?.('checker: recording results failed', error);
      for (const check of batch) this.pending.delete(check.claim.id);
      return;
    }
    for (const check of batch) this.pending.delete(check.claim.id);
    const failures = new Map(recorded.map((r) => [r.monitorId, r.consecutiveFailures]));
    for (const { claim, result, startedAt } of batch) {
      const consecutive = failures.get(claim.id);
      if (consecutive === undefined) continue;
      const crossed = result.ok ? claim.state !== 'up' : consecutive >= claim.retries && claim.state !== 'down';
      if (crossed) this.followUp(() => evaluateMonitor(this.options.db, claim.id, { at: startedAt }));
      if (result.tlsExpiresAt && result.warning)
        this.followUp(() => noteTlsExpiry(this.options.db, claim.id, result.tlsExpiresAt!, result.warning!));
    }
  }

  /** A state change and its operator alert, off the checking path but awaited on stop. */
  private followUp(work: () => Promise<Parameters<typeof alertOperators>[1] | null>): void {
    const task = work()
      .then((event) => (event ? alertOperators(this.options.db, event) : undefined))
      .catch((error: unknown) => this.options.log?.('checker: state change failed', error))
      .finally(() => this.followUps.delete(task));
    this.followUps.add(task);
  }
}
