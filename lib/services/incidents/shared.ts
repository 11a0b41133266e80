import { and, eq, inArray, isNull, max } from 'drizzle-orm';
import { z } from 'zod';
import { components, componentStatusChanges, incidents, incidentUpdates } from '../../../db/schema';
import { COMPONENT_STATUSES, type ComponentStatus, type IncidentStatus, type Severity, type Impact } from '../../domain/statuses';
import { ServiceError } from '../../errors';
import { appendEvidence } from '../../evidence/append';
import { publishHead } from '../../evidence/heads';
import type { DbOrTx } from '../context';
import { entityId } from '../parse-input';

// Pieces shared by the incident verbs: input parts, loading with a row lock, the evidence
// of each public post, and the instant at which component statuses change.

export const componentChange = z.object({ componentId: entityId, status: z.enum(COMPONENT_STATUSES) });
export type ComponentChange = z.output<typeof componentChange>;

/** Later entries for the same component win, so a form and an API body behave alike. */
export const componentChanges = z
  .array(componentChange)
  .max(200)
  .default([])
  .transform((list) => [...new Map(list.map((c) => [c.componentId, c])).values()]);

export const instant = z.coerce
  .date({ message: 'invalid_time' })
  .refine((d) => !Number.isNaN(d.getTime()), { message: 'invalid_time' });

export const DEFAULT_IMPACT: Record<Severity, Impact> = { emergency: 'critical', severe: 'major', minor: 'minor' };

export type IncidentRow = typeof incidents.$inferSelect;

export async function lockIncident(tx: DbOrTx, id: string): Promise<IncidentRow> {
  const [row] = await tx.select().from(incidents).where(eq(incidents.id, id)).for('update');
  if (!row) throw new ServiceError('not_found', 'incident_not_found');
  return row;
}

/** Every component named must be a live component of the page, else the field is wrong. */
export async function checkComponents(
  tx: DbOrTx,
  pageId: string,
  ids: string[],
  field = 'components',
): Promise<Map<string, { name: string; status: ComponentStatus }>> {
  if (ids.length === 0) return new Map();
  const rows = await tx
    .select({ id: components.id, name: components.name, status: components.status })
    .from(components)
    .where(and(inArray(components.id, ids), eq(components.pageId, pageId), isNull(components.deletedAt)));
  if (rows.length !== new Set(ids).size) throw new ServiceError('invalid', 'invalid_input', { [field]: ['unknown_component'] });
  return new Map(rows.map((r) => [r.id, { name: r.name, status: r.status }]));
}

/**
 * When statuses change: the requested instant (an incident that started before it was posted
 * counts as downtime from its start), but never before a component's current period began
 * and never in the future, so periods never overlap.
 */
export async function statusChangeTime(tx: DbOrTx, componentIds: string[], wanted: Date, now: Date): Promise<Date> {
  if (componentIds.length === 0) return now;
  const [row] = await tx
    .select({ latest: max(componentStatusChanges.from) })
    .from(componentStatusChanges)
    .where(and(inArray(componentStatusChanges.componentId, componentIds), isNull(componentStatusChanges.to)));
  const floor = row?.latest ?? wanted;
  return new Date(Math.min(now.getTime(), Math.max(wanted.getTime(), floor.getTime())));
}

/** Timestamps an incident keeps for each stage the first time it reaches it. */
export function stageTimes(incident: Pick<IncidentRow, 'identifiedAt' | 'monitoringAt'>, status: IncidentStatus, at: Date) {
  return {
    identifiedAt: incident.identifiedAt ?? (status === 'identified' || status === 'monitoring' ? at : null),
    monitoringAt: incident.monitoringAt ?? (status === 'monitoring' ? at : null),
  };
}

/**
 * What customers could read, appended to the hash chain (also for corrections), and the head
 * that makes published: the post's notices then carry the same head.
 */
export async function recordPost(
  tx: DbOrTx,
  incident: Pick<IncidentRow, 'id' | 'title' | 'published'>,
  update: typeof incidentUpdates.$inferSelect,
  extra: { edited?: boolean; publishedAt?: Date } = {},
): Promise<void> {
  if (!incident.published) return;
  // A draft's posts become readable when it is published, not when they were written.
  const readableAt = extra.publishedAt ?? update.updatedAt;
  await appendEvidence(tx, [
    {
      kind: 'incident_post',
      occurredAt: readableAt,
      content: {
        incidentId: incident.id,
        updateId: update.id,
        title: incident.title,
        status: update.status,
        body: update.body,
        bodyEn: update.bodyEn,
        displayAt: update.displayAt.toISOString(),
        notified: update.notifySubscribers,
        edited: extra.edited ?? false,
        ...(extra.publishedAt ? { publishedAt: extra.publishedAt.toISOString() } : {}),
      },
    },
  ]);
  await publishHead(tx, { reason: 'incident_post', at: readableAt, incidentId: incident.id });
}

/** One timeline entry of an incident, as opening, updating and resolving all write it. */
export async function insertUpdate(
  tx: DbOrTx,
  update: {
    incidentId: string;
    status: IncidentStatus;
    body: string;
    bodyEn: string | null;
    components: ComponentChange[];
    notify: boolean;
    authorId: string | null;
    at: Date;
  },
): Promise<typeof incidentUpdates.$inferSelect> {
  const [row] = await tx
    .insert(incidentUpdates)
    .values({
      incidentId: update.incidentId,
      status: update.status,
      body: update.body,
      bodyEn: update.bodyEn,
      affectedComponents: affectedJson(update.components),
      notifySubscribers: update.notify,
      authorId: update.authorId,
      displayAt: update.at,
      createdAt: update.at,
      updatedAt: update.at,
    })
    .returning();
  return row;
}

export function affectedJson(changes: ComponentChange[]): string | null {
  return changes.length ? JSON.stringify(changes.map((c) => ({ id: c.componentId, status: c.status }))) : null;
}

export function incidentSnapshot(row: IncidentRow) {
  return {
    title: row.title,
    titleEn: row.titleEn,
    severity: row.severity,
    impact: row.impact,
    status: row.status,
    published: row.published,
    detectedAt: row.detectedAt,
    startedAt: row.startedAt,
    resolvedAt: row.resolvedAt,
    detectedAtEnteredBy: row.detectedAtEnteredBy,
    backfilledBy: row.backfilledBy,
    slaExcluded: row.slaExcluded,
    slaExclusionKind: row.slaExclusionKind,
    slaExclusionReason: row.slaExclusionReason,
  };
}
