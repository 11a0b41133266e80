import type { Db } from '../../db/client';
import { publishDailyHead } from '../evidence/heads';

// Publishes the JST day's chain head on the first tick of each day. The web process and every
// worker run one; the unique day index lets exactly one insert it.

export type DailyHeadPublisher = { stop(): Promise<void> };

export function startDailyHeadPublisher(
  db: Db,
  options: { intervalMs: number; now?: () => Date; onError?: (error: unknown) => void },
): DailyHeadPublisher {
  const clock = options.now ?? (() => new Date());
  const onError = options.onError ?? ((error: unknown) => console.error('daily evidence head not published:', error instanceof Error ? error.message : error));
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let stopped = false;
  const loop = () => {
    running = publishDailyHead(db, clock())
      .then(() => undefined, onError)
      .finally(() => {
        if (!stopped) timer = setTimeout(loop, options.intervalMs);
      });
  };
  loop();
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
