import { asc, desc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { components, incidentComponents, incidents, incidentUpdates, notificationMessages, users } from '../../../db/schema';
import { ROLES, type ComponentStatus } from '../../domain/statuses';
import { ServiceError } from '../../errors';
import { requireRole, type ServiceContext } from '../context';

/** One incident with everything the console shows: components, every update with its author, notices sent. */
export async function getIncident({ ctx, input }: { ctx: ServiceContext; input: { id: string } }) {
  requireRole(ctx, ROLES);
  if (!z.uuid().safeParse(input.id).success) throw new ServiceError('not_found', 'incident_not_found');
  const [incident] = await ctx.db.select().from(incidents).where(eq(incidents.id, input.id));
  if (!incident) throw new ServiceError('not_found', 'incident_not_found');
  const [affected, updates, notices] = await Promise.all([
    ctx.db
      .select({
        id: components.id,
        name: components.name,
        nameEn: components.nameEn,
        status: incidentComponents.status,
        current: components.status,
        deletedAt: components.deletedAt,
      })
      .from(incidentComponents)
      .innerJoin(components, eq(components.id, incidentComponents.componentId))
      .where(eq(incidentComponents.incidentId, incident.id))
      .orderBy(asc(components.position)),
    ctx.db
      .select({ update: incidentUpdates, authorEmail: users.email })
      .from(incidentUpdates)
      .leftJoin(users, eq(users.id, incidentUpdates.authorId))
      .where(eq(incidentUpdates.incidentId, incident.id))
      .orderBy(desc(incidentUpdates.displayAt), desc(incidentUpdates.createdAt)),
    ctx.db
      .select({
        id: notificationMessages.id,
        type: notificationMessages.type,
        createdAt: notificationMessages.createdAt,
        updateId: notificationMessages.incidentUpdateId,
      })
      .from(notificationMessages)
      .where(eq(notificationMessages.incidentId, incident.id)),
  ]);
  const names = new Map<string, { name: string; nameEn: string | null }>(affected.map((c) => [c.id, c]));
  const missing = updates.flatMap((u) => parseAffected(u.update.affectedComponents)).filter((a) => !names.has(a.id));
  if (missing.length) {
    const rows = await ctx.db
      .select({ id: components.id, name: components.name, nameEn: components.nameEn })
      .from(components)
      .where(
        inArray(
          components.id,
          missing.map((m) => m.id),
        ),
      );
    for (const r of rows) names.set(r.id, r);
  }
  return {
    ...incident,
    components: affected,
    updates: updates.map(({ update, authorEmail }) => ({
      ...update,
      authorEmail,
      changes: parseAffected(update.affectedComponents).map((a) => ({
        ...a,
        name: names.get(a.id)?.name ?? '',
        nameEn: names.get(a.id)?.nameEn ?? null,
      })),
      noticeQueued: notices.some((n) => n.updateId === update.id),
    })),
  };
}

function parseAffected(raw: string | null): { id: string; status: ComponentStatus }[] {
  if (!raw) return [];
  try {
    const parsed: unknown = JSON.parse(raw);
    return Array.isArray(parsed) ? (parsed as { id: string; status: ComponentStatus }[]) : [];
  } catch {
    return [];
  }
}
