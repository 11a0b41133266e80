import { and, eq, isNull, max } from 'drizzle-orm';
import { componentGroups, components } from '../../../db/schema';
import { ServiceError } from '../../errors';
import type { DbOrTx } from '../context';

/** A live component of the page, locked for the rest of the transaction, or not_found. */
export async function lockComponent(tx: DbOrTx, pageId: string, id: string) {
  const [row] = await tx
    .select()
    .from(components)
    .where(and(eq(components.id, id), eq(components.pageId, pageId), isNull(components.deletedAt)))
    .for('update');
  if (!row) throw new ServiceError('not_found', 'component_not_found');
  return row;
}

export async function lockGroup(tx: DbOrTx, pageId: string, id: string) {
  const [row] = await tx
    .select()
    .from(componentGroups)
    .where(and(eq(componentGroups.id, id), eq(componentGroups.pageId, pageId)))
    .for('update');
  if (!row) throw new ServiceError('not_found', 'group_not_found');
  return row;
}

/** A group id from input must belong to the same page; otherwise the field is wrong, not the request. */
export async function checkGroup(tx: DbOrTx, pageId: string, groupId: string | null): Promise<void> {
  if (!groupId) return;
  const [row] = await tx
    .select({ id: componentGroups.id })
    .from(componentGroups)
    .where(and(eq(componentGroups.id, groupId), eq(componentGroups.pageId, pageId)));
  if (!row) throw new ServiceError('invalid', 'invalid_input', { groupId: ['invalid_choice'] });
}

/** Audit/display snapshot of a component without bookkeeping columns. */
export function componentSnapshot(row: typeof components.$inferSelect) {
  return {
    name: row.name,
    nameEn: row.nameEn,
    description: row.description,
    descriptionEn: row.descriptionEn,
    groupId: row.groupId,
    serviceId: row.serviceId,
    functionGroup: row.functionGroup,
    position: row.position,
    status: row.status,
    alertKey: row.alertKey,
    onlyShowIfDegraded: row.onlyShowIfDegraded,
    deletedAt: row.deletedAt,
  };
}

/** One past the last position in a group (or among ungrouped components). */
export async function nextPosition(tx: DbOrTx, pageId: string, groupId: string | null): Promise<number> {
  const [last] = await tx
    .select({ position: max(components.position) })
    .from(components)
    .where(
      and(
        eq(components.pageId, pageId),
        isNull(components.deletedAt),
        groupId ? eq(components.groupId, groupId) : isNull(components.groupId),
      ),
    );
  return Math.floor(last?.position ?? -1) + 1;
}
