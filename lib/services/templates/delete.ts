import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { incidentTemplates } from '../../../db/schema';
import { resolvePage } from '../../pages/context';
import { writeAudit } from '../audit/write';
import { nowOf, requireRole, withTransaction, WRITERS, type ServiceContext } from '../context';
import { entityId, parseInput } from '../parse-input';
import { lockTemplate, templateSnapshot } from './fields';

export const deleteTemplateInput = z.object({ id: entityId });
export type DeleteTemplateInput = z.input<typeof deleteTemplateInput>;

export async function deleteTemplate({ ctx, input }: { ctx: ServiceContext; input: DeleteTemplateInput }) {
  requireRole(ctx, WRITERS);
  const { id } = parseInput(deleteTemplateInput, input);
  const now = nowOf(ctx);
  return withTransaction(ctx, async (tx) => {
    const page = await resolvePage(tx);
    const before = await lockTemplate(tx, page.id, id);
    await tx.delete(incidentTemplates).where(eq(incidentTemplates.id, id));
    await writeAudit(tx, ctx.actor, {
      action: 'template.delete',
      entityType: 'incident_template',
      entityId: id,
      before: templateSnapshot(before),
      at: now,
    });
    return { id };
  });
}
