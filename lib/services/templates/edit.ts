import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { incidentTemplates } from '../../../db/schema';
import { resolvePage } from '../../pages/context';
import { writeAudit } from '../audit/write';
import { nowOf, requireRole, withTransaction, WRITERS, type ServiceContext } from '../context';
import { entityId, parseInput } from '../parse-input';
import { lockTemplate, templateFields, templateSnapshot } from './fields';

export const editTemplateInput = templateFields.extend({ id: entityId });
export type EditTemplateInput = z.input<typeof editTemplateInput>;

export async function editTemplate({ ctx, input }: { ctx: ServiceContext; input: EditTemplateInput }) {
  requireRole(ctx, WRITERS);
  const { id, ...fields } = parseInput(editTemplateInput, input);
  const now = nowOf(ctx);
  return withTransaction(ctx, async (tx) => {
    const page = await resolvePage(tx);
    const before = await lockTemplate(tx, page.id, id);
    const [after] = await tx.update(incidentTemplates).set(fields).where(eq(incidentTemplates.id, id)).returning();
    await writeAudit(tx, ctx.actor, {
      action: 'template.edit',
      entityType: 'incident_template',
      entityId: id,
      before: templateSnapshot(before),
      after: templateSnapshot(after),
      at: now,
    });
    return { id };
  });
}
