import client from 'prom-client';
import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../../db/client';
import { metrics } from '../metrics/registry';
import type { FinishedCheck } from '../monitors/schedule';

// Monitor state and latency for /api/metrics. State and last latency per region are read from
// the database at scrape time (checkers may run in other processes); the check-duration
// histogram covers the checks this process ran.

const KEY = Symbol.for('shirase.monitorMetrics');
type Holder = { [KEY]?: { checkDuration: client.Histogram<'type' | 'result'>; registered: boolean } };

function own() {
  const holder = globalThis as Holder;
  holder[KEY] ??= {
    checkDuration: new client.Histogram({
      name: 'shirase_monitor_check_duration_seconds',
      help: 'Duration of monitor checks run by this process, by monitor type and result',
      labelNames: ['type', 'result'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [metrics().registry],
    }),
    registered: false,
  };
  return holder[KEY];
}

export function observeCheck({ claim, result }: FinishedCheck): void {
  if (result.latencyMs === null) return;
  own().checkDuration.observe({ type: claim.type, result: result.ok ? 'ok' : 'failed' }, result.latencyMs / 1000);
}

type Row = { id: string; name: string; type: string; state: string; region: string | null; latency: number | null };

export function registerMonitorMetrics(getDb: () => Promise<Db>): void {
  const state = own();
  if (state.registered) return;
  state.registered = true;
  let current: Promise<Row[]> | undefined;
  const read = () =>
    (current = getDb()
      .then((db) =>
        db.execute(sql`select m.id::text, m.name, m.type, m.state, s.region, s.last_latency_ms as latency
                       from monitors m left join monitor_schedules s on s.monitor_id = m.id where m.enabled`),
      )
      .then((result) => rowsOf<Row>(result))
      .catch(() => []));
  const registers = [metrics().registry];
  new client.Gauge({
    name: 'shirase_monitor_up',
    help: 'Confirmed monitor state: 1 up, 0 down (pending monitors are left out)',
    labelNames: ['monitor', 'name', 'type'],
    registers,
    async collect() {
      this.reset();
      const seen = new Set<string>();
      for (const row of await read()) {
        if (seen.has(row.id) || row.state === 'pending') continue;
        seen.add(row.id);
        this.set({ monitor: row.id, name: row.name, type: row.type }, row.state === 'up' ? 1 : 0);
      }
    },
  });
  new client.Gauge({
    name: 'shirase_monitor_latency_seconds',
    help: 'Latency of the last check per monitor and checker region',
    labelNames: ['monitor', 'name', 'region'],
    registers,
    async collect() {
      this.reset();
      for (const row of await (current ?? read())) {
        if (row.region && row.latency !== null)
          this.set({ monitor: row.id, name: row.name, region: row.region }, Number(row.latency) / 1000);
      }
    },
  });
}
