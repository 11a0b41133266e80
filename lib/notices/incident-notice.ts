import { and, asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { components, incidentComponents, incidents, incidentUpdates, pages } from '../../db/schema';
import { ServiceError } from '../errors';
import { enqueueNotice } from './enqueue';
import type { NoticeType } from './message-types';
import type { IncidentPayloadInput } from './payload';

export type IncidentNoticeType = Extract<NoticeType, `incident_${string}`>;

/**
 * How incident services put a notice in the outbox: the payload snapshot is built here from the
 * rows the caller just wrote (same transaction), and goes to subscribers of the incident's
 * components. Call it after incident_components and the update are written.
 */
export async function enqueueIncidentNotice(
  tx: DbOrTx,
  notice: { type: IncidentNoticeType; incidentId: string; incidentUpdateId?: string | null; dedupeKey?: string | null; at: Date },
): Promise<{ messageId: string | null }> {
  const [incident] = await tx.select().from(incidents).where(eq(incidents.id, notice.incidentId));
  if (!incident) throw new ServiceError('not_found', 'incident_not_found');
  const [update] = notice.incidentUpdateId
    ? await tx
        .select()
        .from(incidentUpdates)
        .where(and(eq(incidentUpdates.id, notice.incidentUpdateId), eq(incidentUpdates.incidentId, incident.id)))
    : [];
  const [affected, [page]] = await Promise.all([
    tx
      .select({ id: components.id, name: components.name, nameEn: components.nameEn, status: incidentComponents.status })
      .from(incidentComponents)
      .innerJoin(components, eq(components.id, incidentComponents.componentId))
      .where(eq(incidentComponents.incidentId, incident.id))
      .orderBy(asc(components.position), asc(components.name)),
    tx.select({ timeZone: pages.timeZone }).from(pages).where(eq(pages.id, incident.pageId)),
  ]);
  const payload: IncidentPayloadInput = {
    incidentId: incident.id,
    title: { ja: incident.title, en: incident.titleEn },
    severity: incident.severity,
    impact: incident.impact,
    status: incident.status,
    detectedAt: incident.detectedAt.toISOString(),
    update: update
      ? { status: update.status, body: { ja: update.body, en: update.bodyEn }, at: update.displayAt.toISOString() }
      : null,
    components: affected.map((c) => ({ id: c.id, name: { ja: c.name, en: c.nameEn }, status: c.status })),
    timeZone: page?.timeZone ?? 'Asia/Tokyo',
    path: `/incidents/${incident.id}`,
  };
  return enqueueNotice(tx, {
    pageId: incident.pageId,
    type: notice.type,
    componentIds: affected.map((c) => c.id),
    payload,
    incidentId: incident.id,
    incidentUpdateId: update?.id ?? null,
    dedupeKey: notice.dedupeKey ?? null,
    at: notice.at,
  });
}
