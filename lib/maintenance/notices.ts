import { eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { components, maintenanceComponents, maintenances, notificationMessages, pages } from '../../db/schema';
import { enqueueNotice, type NoticeType } from '../notices/enqueue';
import { offsetLabel } from './rules';

export type MaintenanceRow = typeof maintenances.$inferSelect;
type MaintenanceNoticeType = Extract<NoticeType, `maintenance_${string}`>;

/** Dedupe keys make each notice go out once, across workers and restarts. */
export const maintenanceNoticeKey = {
  announced: (id: string) => `maintenance:${id}:announced`,
  changed: (id: string, sequence: number) => `maintenance:${id}:changed:${sequence}`,
  cancelled: (id: string) => `maintenance:${id}:cancelled`,
  started: (id: string) => `maintenance:${id}:started`,
  completed: (id: string) => `maintenance:${id}:completed`,
  /** Tied to the announcement of the current times, so rescheduling starts the reminders afresh. */
  reminder: (id: string, offsetMinutes: number, announcedAt: Date) =>
    `maintenance:${id}:reminder:${offsetLabel(offsetMinutes)}:${announcedAt.toISOString()}`,
};

export async function scopeComponentIds(db: DbOrTx, maintenanceId: string): Promise<string[]> {
  const rows = await db
    .select({ id: maintenanceComponents.componentId })
    .from(maintenanceComponents)
    .where(eq(maintenanceComponents.maintenanceId, maintenanceId));
  return rows.map((r) => r.id);
}

export async function noticeAlreadyQueued(db: DbOrTx, dedupeKey: string): Promise<boolean> {
  const [row] = await db
    .select({ id: notificationMessages.id })
    .from(notificationMessages)
    .where(eq(notificationMessages.dedupeKey, dedupeKey))
    .limit(1);
  return row !== undefined;
}

/**
 * Puts one maintenance notice in the outbox (inside the caller's transaction). The payload is a
 * bilingual snapshot so each subscriber's template renders their language as it was said then.
 */
export async function enqueueMaintenanceNotice(
  tx: DbOrTx,
  m: MaintenanceRow,
  notice: {
    type: MaintenanceNoticeType;
    dedupeKey: string;
    at: Date;
    /** The scope the notice describes (defaults to the stored scope). */
    componentIds?: string[];
    /** Who hears of it when wider than the scope (an edit tells the old scope too). */
    audienceComponentIds?: string[];
    reminderOffsetMinutes?: number;
  },
): Promise<{ messageId: string | null }> {
  const componentIds = notice.componentIds ?? (await scopeComponentIds(tx, m.id));
  const [names, [page]] = await Promise.all([
    componentIds.length
      ? tx
          .select({ id: components.id, name: components.name, nameEn: components.nameEn })
          .from(components)
          .where(inArray(components.id, componentIds))
      : Promise.resolve([]),
    tx.select({ timeZone: pages.timeZone }).from(pages).where(eq(pages.id, m.pageId)),
  ]);
  const payload = {
    maintenanceId: m.id,
    status: m.status,
    sequence: m.sequence,
    title: { ja: m.title, en: m.titleEn },
    body: { ja: m.body, en: m.bodyEn },
    scheduledStart: m.scheduledStart.toISOString(),
    scheduledEnd: m.scheduledEnd.toISOString(),
    expectedDowntimeMinutes: m.expectedDowntimeMinutes,
    timeZone: page?.timeZone ?? 'Asia/Tokyo',
    components: names.map((c) => ({ id: c.id, name: { ja: c.name, en: c.nameEn } })),
    path: `/maintenance/${m.id}`,
    ...(notice.reminderOffsetMinutes !== undefined
      ? { reminder: { offsetMinutes: notice.reminderOffsetMinutes, label: offsetLabel(notice.reminderOffsetMinutes) } }
      : {}),
  };
  return enqueueNotice(tx, {
    pageId: m.pageId,
    type: notice.type,
    componentIds: notice.audienceComponentIds ?? componentIds,
    payload,
    maintenanceId: m.id,
    dedupeKey: notice.dedupeKey,
    at: notice.at,
  });
}
