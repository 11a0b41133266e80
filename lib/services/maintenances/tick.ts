// The maintenance lifecycle, driven by the clock: reminders, start, automatic completion and the
// overrun alert. Safe with any number of workers: each change runs in its own transaction on a
// row taken with FOR UPDATE SKIP LOCKED and re-checked there, and every notice has a dedupe key.
import { and, asc, eq, gt, inArray, isNull, lte } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../../db/client';
import { maintenances, pages } from '../../../db/schema';
import { publishChange } from '../../events/publish';
import { systemActor } from '../context';
import { writeAudit } from '../audit/write';
import { applyComplete, applyStart } from './transitions';
import {
  enqueueMaintenanceNotice,
  maintenanceNoticeKey,
  noticeAlreadyQueued,
  scopeComponentIds,
  type MaintenanceRow,
} from '../../maintenance/notices';
import { composeOverrunAlerts, sendOverrunAlerts, type AdminMail } from './overrun-alert';
import { loadPolicyScopes, loadScopeComponents, longestReminderOffsetMinutes } from '../../maintenance/policies';
import { dueReminderOffset, reminderOffsets } from '../../maintenance/rules';

const SCHEDULER = systemActor('maintenance-scheduler');
const NO_TEXT = { body: null, bodyEn: null };
const RUNNING = ['in_progress', 'verifying'] as const;

export type TickReport = {
  started: string[];
  completed: string[];
  overrunAlerted: string[];
  reminders: { maintenanceId: string; offsetMinutes: number }[];
};

/** Locks one maintenance if it still matches `still` and no other worker holds it. */
async function claim(tx: DbOrTx, id: string, still: ReturnType<typeof and>): Promise<MaintenanceRow | undefined> {
  const [row] = await tx
    .select()
    .from(maintenances)
    .where(and(eq(maintenances.id, id), still))
    .for('update', { skipLocked: true });
  return row;
}

export async function runMaintenanceTick(db: Db, now: Date): Promise<TickReport> {
  const report: TickReport = { started: [], completed: [], overrunAlerted: [], reminders: [] };

  // Starts first, so a maintenance whose whole window passed while no worker ran still
  // starts and then completes on schedule in the same tick.
  const dueStarts = await db
    .select({ id: maintenances.id })
    .from(maintenances)
    .where(and(eq(maintenances.status, 'scheduled'), lte(maintenances.scheduledStart, now)))
    .orderBy(asc(maintenances.scheduledStart));
  for (const { id } of dueStarts) {
    const started = await db.transaction(async (tx) => {
      const row = await claim(tx, id, and(eq(maintenances.status, 'scheduled'), lte(maintenances.scheduledStart, now)));
      if (!row) return false;
      await applyStart(tx, row, { at: row.scheduledStart, now, actor: SCHEDULER, text: NO_TEXT });
      return true;
    });
    if (started) report.started.push(id);
  }

  const dueEnds = await db
    .select({ id: maintenances.id, autoComplete: maintenances.autoComplete })
    .from(maintenances)
    .where(and(inArray(maintenances.status, [...RUNNING]), lte(maintenances.scheduledEnd, now)))
    .orderBy(asc(maintenances.scheduledEnd));
  for (const { id, autoComplete } of dueEnds) {
    const outcome = await db.transaction(async (tx) => {
      const still = and(inArray(maintenances.status, [...RUNNING]), lte(maintenances.scheduledEnd, now));
      if (autoComplete) {
        const row = await claim(tx, id, and(still, eq(maintenances.autoComplete, true)));
        if (!row) return null;
        const at = new Date(Math.max(row.scheduledEnd.getTime(), row.actualStart?.getTime() ?? 0));
        await applyComplete(tx, row, { at, now, actor: SCHEDULER, text: NO_TEXT });
        return 'completed' as const;
      }
      const row = await claim(tx, id, and(still, eq(maintenances.autoComplete, false), isNull(maintenances.overrunAlertedAt)));
      if (!row) return null;
      return markOverrun(tx, row, now);
    });
    if (outcome === 'completed') report.completed.push(id);
    else if (outcome) {
      await sendOverrunAlerts(db, outcome);
      report.overrunAlerted.push(id);
    }
  }

  report.reminders = await sendDueReminders(db, now);
  return report;
}

/** Still running past its announced end: marked once (the page shows it); returns the admins' mails. */
async function markOverrun(tx: DbOrTx, row: MaintenanceRow, now: Date): Promise<AdminMail[]> {
  const [after] = await tx.update(maintenances).set({ overrunAlertedAt: now }).where(eq(maintenances.id, row.id)).returning();
  await writeAudit(tx, SCHEDULER, {
    action: 'maintenance.overrun_alert',
    entityType: 'maintenance',
    entityId: row.id,
    before: { overrunAlertedAt: null },
    after: { overrunAlertedAt: after.overrunAlertedAt, scheduledEnd: row.scheduledEnd },
    at: now,
  });
  await publishChange(tx, { type: 'maintenance', pageId: row.pageId, maintenanceId: row.id });
  return composeOverrunAlerts(tx, row, now);
}

async function sendDueReminders(db: Db, now: Date): Promise<TickReport['reminders']> {
  const horizon = new Date(now.getTime() + (await longestReminderOffsetMinutes(db)) * 60_000);
  const upcoming = await db
    .select({ m: maintenances, timeZone: pages.timeZone })
    .from(maintenances)
    .innerJoin(pages, eq(pages.id, maintenances.pageId))
    .where(
      and(eq(maintenances.status, 'scheduled'), gt(maintenances.scheduledStart, now), lte(maintenances.scheduledStart, horizon)),
    );
  const sent: TickReport['reminders'] = [];
  for (const { m, timeZone } of upcoming) {
    const scope = await loadScopeComponents(db, m.pageId, await scopeComponentIds(db, m.id));
    const offsets = reminderOffsets(await loadPolicyScopes(db, scope, timeZone));
    const offset = dueReminderOffset({ start: m.scheduledStart, announcedAt: m.announcedAt, now, offsets });
    if (offset === null) continue;
    const dedupeKey = maintenanceNoticeKey.reminder(m.id, offset, m.announcedAt);
    if (await noticeAlreadyQueued(db, dedupeKey)) continue;
    const queued = await db.transaction(async (tx) => {
      // Same announcement and still scheduled: an edit or a cancel in between wins.
      const row = await claim(tx, m.id, and(eq(maintenances.status, 'scheduled'), eq(maintenances.announcedAt, m.announcedAt)));
      if (!row) return false;
      const result = await enqueueMaintenanceNotice(tx, row, {
        type: 'maintenance_reminder',
        dedupeKey,
        at: now,
        reminderOffsetMinutes: offset,
      });
      return result.messageId !== null;
    });
    if (queued) sent.push({ maintenanceId: m.id, offsetMinutes: offset });
  }
  return sent;
}
