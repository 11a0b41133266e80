// The state changes shared by the operator verbs (start early, complete) and the scheduler:
// each runs inside the caller's transaction, on a maintenance row the caller has locked.
import { and, eq, inArray, isNull, ne } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client';
import { components, componentStatusChanges, maintenanceComponents, maintenances, maintenanceUpdates } from '../../../db/schema';
import { ServiceError } from '../../errors';
import { appendEvidence } from '../../evidence/append';
import { recordSlaInputs } from '../../evidence/sla-inputs';
import { publishChange } from '../../events/publish';
import { t } from '../../i18n/messages';
import { setComponentStatuses } from '../components/set-statuses';
import { componentsKeptUp } from '../../maintenance/policies';
import {
  enqueueMaintenanceNotice,
  maintenanceNoticeKey,
  scopeComponentIds,
  type MaintenanceRow,
} from '../../maintenance/notices';
import { actorUserId, type Actor } from '../context';
import { writeAudit } from '../audit/write';

export async function lockMaintenance(tx: DbOrTx, id: string): Promise<MaintenanceRow> {
  const [row] = await tx.select().from(maintenances).where(eq(maintenances.id, id)).for('update');
  if (!row) throw new ServiceError('not_found', 'maintenance_not_found');
  return row;
}

type PostText = { body: string | null; bodyEn: string | null };

/** A public post on the maintenance page, with its evidence rows (the post and the maintenance as it now stands). */
export async function postMaintenanceText(
  tx: DbOrTx,
  m: MaintenanceRow,
  post: { status: MaintenanceRow['status']; body: string; bodyEn: string | null; at: Date; actor: Actor; kind: string },
): Promise<string> {
  const [update] = await tx
    .insert(maintenanceUpdates)
    .values({
      maintenanceId: m.id,
      status: post.status,
      body: post.body,
      bodyEn: post.bodyEn,
      authorId: actorUserId(post.actor),
      createdAt: post.at,
    })
    .returning({ id: maintenanceUpdates.id });
  await appendEvidence(tx, [
    {
      kind: 'maintenance_post',
      occurredAt: post.at,
      content: {
        maintenanceId: m.id,
        updateId: update.id,
        post: post.kind,
        status: post.status,
        body: post.body,
        bodyEn: post.bodyEn,
      },
    },
  ]);
  await recordSlaInputs(tx, { maintenances: [m.id] }, post.at);
  return update.id;
}

/** The operator's words, or the catalog's standard sentence in both languages. */
function textOrDefault(text: PostText, key: string): { body: string; bodyEn: string | null } {
  if (text.body) return { body: text.body, bodyEn: text.bodyEn };
  return { body: t('ja', 'maintenance')(key), bodyEn: t('en', 'maintenance')(key) };
}

/** Never close a status period before it opened (a late tick back-dates to the schedule). */
async function clampToOpenPeriods(tx: DbOrTx, componentIds: string[], at: Date): Promise<Date> {
  if (componentIds.length === 0) return at;
  const open = await tx
    .select({ from: componentStatusChanges.from })
    .from(componentStatusChanges)
    .where(and(inArray(componentStatusChanges.componentId, componentIds), isNull(componentStatusChanges.to)));
  const latest = Math.max(at.getTime(), ...open.map((r) => r.from.getTime()));
  return new Date(latest);
}

/**
 * scheduled → in_progress. Components in scope that are operational go under maintenance; one
 * already failing keeps its incident status, which says more and counts as downtime anyway.
 * One its policy keeps running (CTI: all but calling) stays as it is: it does not stop.
 */
export async function applyStart(
  tx: DbOrTx,
  m: MaintenanceRow,
  input: { at: Date; actor: Actor; text: PostText; now: Date },
): Promise<MaintenanceRow> {
  if (m.status !== 'scheduled') throw new ServiceError('conflict', 'maintenance_not_scheduled');
  const [started] = await tx
    .update(maintenances)
    .set({ status: 'in_progress', actualStart: input.at, updatedAt: input.now })
    .where(eq(maintenances.id, m.id))
    .returning();
  const scope = await scopeComponentIds(tx, m.id);
  const keptUp = await componentsKeptUp(tx, m.pageId, scope);
  const stopping = scope.filter((id) => !keptUp.has(id));
  const operational = stopping.length
    ? await tx
        .select({ id: components.id })
        .from(components)
        .where(and(inArray(components.id, stopping), eq(components.status, 'operational'), isNull(components.deletedAt)))
    : [];
  const flipIds = operational.map((c) => c.id);
  await setComponentStatuses(tx, {
    pageId: m.pageId,
    changes: flipIds.map((componentId) => ({ componentId, status: 'under_maintenance' as const })),
    at: await clampToOpenPeriods(tx, flipIds, input.at),
    source: 'maintenance',
    maintenanceId: m.id,
    actorId: actorUserId(input.actor),
  });
  const text = textOrDefault(input.text, 'posts.started');
  await postMaintenanceText(tx, started, { status: 'in_progress', ...text, at: input.now, actor: input.actor, kind: 'started' });
  await enqueueMaintenanceNotice(tx, started, {
    type: 'maintenance_started',
    dedupeKey: maintenanceNoticeKey.started(m.id),
    at: input.now,
    componentIds: scope,
  });
  await writeAudit(tx, input.actor, {
    action: 'maintenance.start',
    entityType: 'maintenance',
    entityId: m.id,
    before: m,
    after: started,
    at: input.now,
  });
  await publishChange(tx, { type: 'maintenance', pageId: m.pageId, maintenanceId: m.id });
  return started;
}

/**
 * in_progress → completed. Components go back to operational only where this (or another,
 * now finished) maintenance put them under maintenance, and no other running one covers them:
 * a status an incident set meanwhile is left alone.
 */
export async function applyComplete(
  tx: DbOrTx,
  m: MaintenanceRow,
  input: { at: Date; actor: Actor; text: PostText; now: Date },
): Promise<MaintenanceRow> {
  if (m.status !== 'in_progress' && m.status !== 'verifying') throw new ServiceError('conflict', 'maintenance_not_in_progress');
  const [completed] = await tx
    .update(maintenances)
    .set({ status: 'completed', actualEnd: input.at, updatedAt: input.now })
    .where(eq(maintenances.id, m.id))
    .returning();
  const scope = await scopeComponentIds(tx, m.id);
  const returning = scope.length ? await componentsToReturn(tx, m.id, scope) : [];
  await setComponentStatuses(tx, {
    pageId: m.pageId,
    changes: returning.map((componentId) => ({ componentId, status: 'operational' as const })),
    at: await clampToOpenPeriods(tx, returning, input.at),
    source: 'maintenance',
    maintenanceId: m.id,
    actorId: actorUserId(input.actor),
  });
  const text = textOrDefault(input.text, 'posts.completed');
  await postMaintenanceText(tx, completed, {
    status: 'completed',
    ...text,
    at: input.now,
    actor: input.actor,
    kind: 'completed',
  });
  await enqueueMaintenanceNotice(tx, completed, {
    type: 'maintenance_completed',
    dedupeKey: maintenanceNoticeKey.completed(m.id),
    at: input.now,
    componentIds: scope,
  });
  await writeAudit(tx, input.actor, {
    action: 'maintenance.complete',
    entityType: 'maintenance',
    entityId: m.id,
    before: m,
    after: completed,
    at: input.now,
  });
  await publishChange(tx, { type: 'maintenance', pageId: m.pageId, maintenanceId: m.id });
  return completed;
}

async function componentsToReturn(tx: DbOrTx, maintenanceId: string, scope: string[]): Promise<string[]> {
  const [open, stillCovered] = await Promise.all([
    tx
      .select({ componentId: componentStatusChanges.componentId })
      .from(componentStatusChanges)
      .innerJoin(components, eq(components.id, componentStatusChanges.componentId))
      .where(
        and(
          inArray(componentStatusChanges.componentId, scope),
          isNull(componentStatusChanges.to),
          eq(componentStatusChanges.source, 'maintenance'),
          eq(components.status, 'under_maintenance'),
        ),
      ),
    tx
      .select({ componentId: maintenanceComponents.componentId })
      .from(maintenanceComponents)
      .innerJoin(maintenances, eq(maintenances.id, maintenanceComponents.maintenanceId))
      .where(
        and(
          inArray(maintenanceComponents.componentId, scope),
          ne(maintenances.id, maintenanceId),
          inArray(maintenances.status, ['in_progress', 'verifying']),
        ),
      ),
  ]);
  const covered = new Set(stillCovered.map((r) => r.componentId));
  return [...new Set(open.map((r) => r.componentId))].filter((id) => !covered.has(id));
}
