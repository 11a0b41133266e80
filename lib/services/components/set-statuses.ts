import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client';
import { components, componentStatusChanges } from '../../../db/schema';
import type { ComponentStatus } from '../../domain/statuses';
import { appendEvidence } from '../../evidence/append';
import { recordSlaInputs } from '../../evidence/sla-inputs';
import { publishChange } from '../../events/publish';

export type StatusChangeSource = 'manual' | 'incident' | 'maintenance' | 'alert' | 'api' | 'monitor';

/**
 * The one way component statuses change: closes each component's open period, opens a new
 * one, updates the current status, appends evidence and tells open pages. Run it inside
 * the caller's transaction. Components already in the requested status are left alone.
 */
export async function setComponentStatuses(
  tx: DbOrTx,
  input: {
    pageId: string;
    changes: { componentId: string; status: ComponentStatus }[];
    at: Date;
    source: StatusChangeSource;
    incidentId?: string | null;
    maintenanceId?: string | null;
    actorId?: string | null;
  },
): Promise<{ componentId: string; from: ComponentStatus; to: ComponentStatus }[]> {
  if (input.changes.length === 0) return [];
  const ids = input.changes.map((c) => c.componentId);
  const current = await tx
    .select({ id: components.id, status: components.status })
    .from(components)
    .where(and(inArray(components.id, ids), eq(components.pageId, input.pageId), isNull(components.deletedAt)))
    .for('update');
  const currentStatus = new Map(current.map((c) => [c.id, c.status]));
  const applied = input.changes
    .filter((c) => currentStatus.has(c.componentId) && currentStatus.get(c.componentId) !== c.status)
    .map((c) => ({ componentId: c.componentId, from: currentStatus.get(c.componentId)!, to: c.status }));
  if (applied.length === 0) return [];

  const changedIds = applied.map((c) => c.componentId);
  const closed = await tx
    .update(componentStatusChanges)
    .set({ to: input.at })
    .where(and(inArray(componentStatusChanges.componentId, changedIds), isNull(componentStatusChanges.to)))
    .returning({ id: componentStatusChanges.id });
  const opened = await tx
    .insert(componentStatusChanges)
    .values(
      applied.map((c) => ({
        componentId: c.componentId,
        status: c.to,
        from: input.at,
        source: input.source,
        incidentId: input.incidentId ?? null,
        maintenanceId: input.maintenanceId ?? null,
        actorId: input.actorId ?? null,
      })),
    )
    .returning({ id: componentStatusChanges.id });
  for (const c of applied) {
    await tx.update(components).set({ status: c.to, updatedAt: input.at }).where(eq(components.id, c.componentId));
  }
  await appendEvidence(
    tx,
    applied.map((c) => ({
      kind: 'component_status' as const,
      occurredAt: input.at,
      content: {
        componentId: c.componentId,
        from: c.from,
        to: c.to,
        source: input.source,
        incidentId: input.incidentId ?? null,
        maintenanceId: input.maintenanceId ?? null,
      },
    })),
  );
  await recordSlaInputs(tx, { component_status_changes: [...closed, ...opened].map((r) => r.id) }, input.at);
  await publishChange(tx, { type: 'component', pageId: input.pageId, componentIds: changedIds });
  return applied;
}
