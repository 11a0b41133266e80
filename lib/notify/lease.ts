import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import type { ClaimedDelivery } from './claims';

// A claim's lease must outlive its send, or another worker takes the rows and sends them again.
// A slow provider (a throttled Chatwork room, a stalled SMTP pool) can exceed any fixed lease,
// so while a claim is being sent its lease is extended every third of its length, fenced by
// (id, attempts) like the results: a worker that already lost the rows cannot take them back.

export interface HeldLease {
  /** Stops renewing; resolves once no renewal is in flight (so none lands after the results). */
  release(): Promise<void>;
}

export function holdLease(
  db: Db,
  rows: ClaimedDelivery[],
  options: { leaseMs: number; now: () => Date; log?: (message: string, error?: unknown) => void },
): HeldLease {
  const pairs = sql.join(
    rows.map((r) => sql`(${r.id}::bigint, ${r.attempts}::int)`),
    sql`, `,
  );
  const extend = async () => {
    const until = new Date(options.now().getTime() + options.leaseMs).toISOString();
    try {
      await db.execute(sql`
        update deliveries d set claimed_until = ${until}::timestamptz
        from (values ${pairs}) as v(id, attempts)
        where d.id = v.id and d.attempts = v.attempts and d.status in ('queued', 'failed')`);
    } catch (error) {
      // The next tick tries again; if the database stays away, the lease runs out as designed.
      options.log?.('dispatcher: lease renewal failed', error);
    }
  };
  let inFlight: Promise<void> = Promise.resolve();
  const timer = setInterval(
    () => {
      inFlight = inFlight.then(extend);
    },
    Math.max(50, Math.floor(options.leaseMs / 3)),
  );
  timer.unref();
  return {
    release: () => {
      clearInterval(timer);
      return inFlight;
    },
  };
}

/**
 * Runs `write` until it succeeds or `deadline` passes: a send that went out must be recorded,
 * or its rows come back when the lease runs out and are sent twice. Trying past the lease is
 * safe (the (id, attempts) fence drops the write if another worker took the rows) and usually
 * wins: while the database is away nobody else can claim them either. Backs off 100 ms → 1 s,
 * so the write lands within a second of the database coming back.
 */
export async function untilRecorded<T>(
  write: () => Promise<T>,
  options: { deadline: number; log?: (message: string, error?: unknown) => void },
): Promise<T> {
  for (let delay = 100; ; delay = Math.min(delay * 2, 1_000)) {
    try {
      return await write();
    } catch (error) {
      if (Date.now() + delay >= options.deadline) throw error;
      options.log?.('dispatcher: recording results failed, retrying', error);
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
