import { z } from 'zod';
import { incidentTemplates } from '../../../db/schema';
import { resolvePage } from '../../pages/context';
import { writeAudit } from '../audit/write';
import { nowOf, requireRole, withTransaction, WRITERS, type ServiceContext } from '../context';
import { parseInput } from '../parse-input';
import { templateFields, templateSnapshot } from './fields';

export const createTemplateInput = templateFields;
export type CreateTemplateInput = z.input<typeof createTemplateInput>;

/** A reusable opening for common incidents (title, first message, status, severity). */
export async function createTemplate({ ctx, input }: { ctx: ServiceContext; input: CreateTemplateInput }) {
  requireRole(ctx, WRITERS);
  const fields = parseInput(createTemplateInput, input);
  const now = nowOf(ctx);
  return withTransaction(ctx, async (tx) => {
    const page = await resolvePage(tx);
    const [row] = await tx
      .insert(incidentTemplates)
      .values({ ...fields, pageId: page.id, createdAt: now })
      .returning();
    await writeAudit(tx, ctx.actor, {
      action: 'template.create',
      entityType: 'incident_template',
      entityId: row.id,
      after: templateSnapshot(row),
      at: now,
    });
    return { id: row.id };
  });
}
