import client from 'prom-client';
import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../../db/client';
import { COMPONENT_STATUSES } from '../domain/statuses';
import { metrics } from './registry';

type Rows<T> = T[];
const SCRAPE_TIMEOUT_MS = 2_000;
type Snapshot = {
  up: boolean;
  deliveries: Rows<{ channel: string; status: string; n: number }>;
  outbox: { depth: number; oldestAgeSeconds: number };
  components: Rows<{ id: string; name: string; status: string }>;
  heartbeats: Rows<{ workerId: string; ageSeconds: number }>;
};

const EMPTY: Snapshot = { up: false, deliveries: [], outbox: { depth: 0, oldestAgeSeconds: 0 }, components: [], heartbeats: [] };

/** One read per scrape, shared by every database-backed gauge. */
async function readSnapshot(db: Db): Promise<Snapshot> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('timeout')), SCRAPE_TIMEOUT_MS)));
  try {
    return await Promise.race([query(db), timeout]);
  } catch {
    return EMPTY;
  } finally {
    clearTimeout(timer);
  }
}

async function query(db: Db): Promise<Snapshot> {
  const [deliveries, outbox, components, heartbeats] = await Promise.all([
    db.execute(sql`select channel, status, count(*)::int as n from deliveries group by channel, status`),
    db.execute(sql`select count(*)::int as depth, coalesce(extract(epoch from now() - min(queued_at)), 0)::float8 as age
                     from deliveries where status in ('queued', 'failed')`),
    db.execute(sql`select id::text, name, status from components where deleted_at is null`),
    db.execute(
      sql`select worker_id as "workerId", extract(epoch from now() - beat_at)::float8 as "ageSeconds" from worker_heartbeats`,
    ),
  ]);
  const [box] = rowsOf<{ depth: number; age: number }>(outbox);
  return {
    up: true,
    deliveries: rowsOf(deliveries),
    outbox: { depth: Number(box?.depth ?? 0), oldestAgeSeconds: Number(box?.age ?? 0) },
    components: rowsOf(components),
    heartbeats: rowsOf(heartbeats),
  };
}

/** Registers the gauges read from the database at scrape time (once per process). */
export function registerDatabaseMetrics(getDb: () => Promise<Db>): void {
  const m = metrics();
  if (m.databaseMetricsRegistered) return;
  m.databaseMetricsRegistered = true;
  const registers = [m.registry];
  // shirase_database_up is collected first in every scrape and starts that scrape's one read;
  // the other gauges, collected right after it, share the same read.
  let current: Promise<Snapshot> | undefined;
  const refresh = () => (current = getDb().then(readSnapshot, () => EMPTY));
  const snapshot = () => current ?? refresh();

  new client.Gauge({
    name: 'shirase_database_up',
    help: '1 when the database answered the last scrape',
    registers,
    async collect() {
      this.set((await refresh()).up ? 1 : 0);
    },
  });
  new client.Gauge({
    name: 'shirase_deliveries',
    help: 'Deliveries (outbox rows) by channel and status',
    labelNames: ['channel', 'status'],
    registers,
    async collect() {
      this.reset();
      for (const row of (await snapshot()).deliveries) this.set({ channel: row.channel, status: row.status }, Number(row.n));
    },
  });
  new client.Gauge({
    name: 'shirase_outbox_depth',
    help: 'Deliveries waiting to be sent (queued or waiting for a retry)',
    registers,
    async collect() {
      this.set((await snapshot()).outbox.depth);
    },
  });
  new client.Gauge({
    name: 'shirase_outbox_oldest_queued_age_seconds',
    help: 'Age of the oldest delivery still waiting to be sent (0 when none)',
    registers,
    async collect() {
      this.set((await snapshot()).outbox.oldestAgeSeconds);
    },
  });
  new client.Gauge({
    name: 'shirase_component_status',
    help: 'Current component status: 1 for the status it is in, 0 for the others',
    labelNames: ['component_id', 'component', 'status'],
    registers,
    async collect() {
      this.reset();
      for (const c of (await snapshot()).components) {
        for (const status of COMPONENT_STATUSES)
          this.set({ component_id: c.id, component: c.name, status }, c.status === status ? 1 : 0);
      }
    },
  });
  new client.Gauge({
    name: 'shirase_worker_heartbeat_age_seconds',
    help: 'Seconds since each dispatcher worker last reported in',
    labelNames: ['worker_id'],
    registers,
    async collect() {
      this.reset();
      for (const beat of (await snapshot()).heartbeats) this.set({ worker_id: beat.workerId }, Number(beat.ageSeconds));
    },
  });
}
