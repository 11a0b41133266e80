import { asc, eq } from 'drizzle-orm';
import { incidentTemplates } from '../../../db/schema';
import { ROLES } from '../../domain/statuses';
import { resolvePage } from '../../pages/context';
import { requireRole, type ServiceContext } from '../context';

export type TemplateView = typeof incidentTemplates.$inferSelect;

export async function listTemplates({ ctx }: { ctx: ServiceContext }): Promise<TemplateView[]> {
  requireRole(ctx, ROLES);
  const page = await resolvePage(ctx.db);
  return ctx.db
    .select()
    .from(incidentTemplates)
    .where(eq(incidentTemplates.pageId, page.id))
    .orderBy(asc(incidentTemplates.name));
}
