import { pgTable, text, timestamptz } from './columns';

/** Worker liveness, for /api/health. */
export const workerHeartbeats = pgTable('worker_heartbeats', {
  workerId: text('worker_id').primaryKey(),
  beatAt: timestamptz('beat_at').notNull().defaultNow(),
});
