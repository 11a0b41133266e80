import { hostname } from 'node:os';
import type { DatabaseHandle } from '../../db/client';
import { env } from '../env';
import { Checker } from './monitor-checker';
import { observeCheck } from '../metrics/monitors';
import { startRollups } from '../monitors/rollup';
import { MONITORS_CHANNEL } from '../monitors/wake';

// The checker of one process (the web server on the embedded database, or `npm run worker`):
// woken by monitor changes and pings, and rolling up old results beside its checks.

export interface RunningChecker {
  checker: Checker;
  stop(): Promise<void>;
}

export async function runChecker(options: {
  handle: DatabaseHandle;
  role: string;
  log?: (message: string, error?: unknown) => void;
}): Promise<RunningChecker> {
  const config = env();
  const checker = new Checker({
    db: options.handle.db,
    region: config.CHECKER_REGION,
    checkerId: `${options.role}:${hostname()}:${process.pid}`,
    concurrency: config.CHECKER_CONCURRENCY,
    allowPrivate: config.MONITOR_ALLOW_PRIVATE === 'true',
    log: options.log,
    observe: observeCheck,
  });
  const unlisten = await options.handle.listen(MONITORS_CHANNEL, () => checker.wake());
  const rollups = startRollups(options.handle.db, { keepDays: config.MONITOR_RESULT_DAYS, log: options.log });
  checker.start();
  return {
    checker,
    async stop() {
      await unlisten();
      await rollups.stop();
      await checker.stop();
    },
  };
}
