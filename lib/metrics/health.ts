import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { publicCacheState } from '../public/cache/installed';

export type Health = {
  status: 'ok' | 'degraded';
  database: { reachable: boolean; latencyMs: number | null };
  worker: { lastBeatAt: string | null; ageSeconds: number | null };
  publicCache: { healthy: boolean; builtAt: string | null; degradedSince: string | null } | null;
  checkedAt: string;
};

const TIMEOUT_MS = 2_000;

/** Database reachable, age of the freshest dispatcher heartbeat, state of the public bytes. */
export async function checkHealth(getDb: () => Promise<Db>, now = new Date()): Promise<Health> {
  const started = performance.now();
  let reachable = false;
  let lastBeat: Date | null = null;
  let timer: NodeJS.Timeout | undefined;
  try {
    const probe = (async () => {
      const db = await getDb();
      const result = await db.execute(sql`select max(beat_at) as beat from worker_heartbeats`);
      const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as { beat: string | Date | null }[];
      return rows[0]?.beat ?? null;
    })();
    const beat = await Promise.race([
      probe,
      new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('timeout')), TIMEOUT_MS))),
    ]);
    reachable = true;
    lastBeat = beat ? new Date(beat) : null;
  } catch {
    reachable = false;
  } finally {
    clearTimeout(timer);
  }
  const cache = publicCacheState();
  return {
    status: reachable ? 'ok' : 'degraded',
    database: { reachable, latencyMs: reachable ? Math.round(performance.now() - started) : null },
    worker: {
      lastBeatAt: lastBeat?.toISOString() ?? null,
      ageSeconds: lastBeat ? Math.max(0, Math.round((now.getTime() - lastBeat.getTime()) / 1000)) : null,
    },
    publicCache: cache && {
      healthy: cache.healthy,
      builtAt: cache.builtAt?.toISOString() ?? null,
      degradedSince: cache.degradedSince?.toISOString() ?? null,
    },
    checkedAt: now.toISOString(),
  };
}
