import { and, asc, count, desc, eq, ilike, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { auditLog } from '../../../db/schema';
import { ROLES } from '../../domain/statuses';
import { requireRole, type ServiceContext } from '../context';

export const AUDIT_PAGE_SIZE = 50;

export const auditFilterInput = z.object({
  entityType: z.string().trim().max(50).optional().catch(undefined),
  action: z.string().trim().max(80).optional().catch(undefined),
  /** Part of the actor label, e.g. an email or an API key name. */
  actor: z.string().trim().max(200).optional().catch(undefined),
  entityId: z.string().trim().max(200).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});
export type AuditFilterInput = z.input<typeof auditFilterInput>;

const escapeLike = (value: string) => value.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The audit log newest first, filtered; unreadable filters are ignored rather than refused. */
export async function listAuditEntries({ ctx, input }: { ctx: ServiceContext; input: AuditFilterInput }) {
  requireRole(ctx, ROLES);
  const filter = auditFilterInput.parse(input);
  const conditions: SQL[] = [];
  if (filter.entityType) conditions.push(eq(auditLog.entityType, filter.entityType));
  if (filter.action) conditions.push(eq(auditLog.action, filter.action));
  if (filter.actor) conditions.push(ilike(auditLog.actorLabel, `%${escapeLike(filter.actor)}%`));
  if (filter.entityId) conditions.push(eq(auditLog.entityId, filter.entityId));
  const where = conditions.length ? and(...conditions) : undefined;
  const [rows, [{ total }], entityTypes, actions] = await Promise.all([
    ctx.db
      .select()
      .from(auditLog)
      .where(where)
      .orderBy(desc(auditLog.at), desc(auditLog.id))
      .limit(AUDIT_PAGE_SIZE)
      .offset((filter.page - 1) * AUDIT_PAGE_SIZE),
    ctx.db.select({ total: count() }).from(auditLog).where(where),
    ctx.db.selectDistinct({ value: auditLog.entityType }).from(auditLog).orderBy(asc(auditLog.entityType)),
    ctx.db.selectDistinct({ value: auditLog.action }).from(auditLog).orderBy(asc(auditLog.action)),
  ]);
  return {
    filter,
    entries: rows,
    total,
    pages: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)),
    entityTypes: entityTypes.map((r) => r.value),
    actions: actions.map((r) => r.value),
  };
}
