import type { Db } from '../../db/client';
import { publishDailyHead } from '../evidence/heads';
import { startPeriodic, type Periodic } from './periodic';

// Publishes the JST day's chain head on the first tick of each day. The web process and every
// worker run one; the unique day index lets exactly one insert it.

export function startDailyHeadPublisher(
  db: Db,
  options: { intervalMs: number; now?: () => Date; onError?: (error: unknown) => void },
): Periodic {
  return startPeriodic('daily evidence head', (now) => publishDailyHead(db, now), options);
}
