import type { Db } from '../../db/client';
import { runMaintenanceTick } from '../services/maintenances/tick';
import { startPeriodic, type Periodic } from './periodic';

// The maintenance lifecycle on the clock (lib/services/maintenances/tick.ts does the work).

export function startMaintenanceScheduler(
  db: Db,
  options: { intervalMs: number; now?: () => Date; onError?: (error: unknown) => void },
): Periodic {
  return startPeriodic('maintenance scheduler tick', (now) => runMaintenanceTick(db, now), options);
}
