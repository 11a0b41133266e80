import { z } from 'zod';
import { services, slaPolicies } from '../../../db/schema';
import { resolvePage } from '../../pages/context';
import { POLICY_TEMPLATES, policyFromTemplate } from '../../sla/templates';
import { writeAudit } from '../audit/write';
import { ADMINS, nowOf, requireRole, withTransaction, type ServiceContext } from '../context';
import { parseInput } from '../parse-input';
import { checkSlugFree, nextServicePosition, serviceSnapshot, serviceFields, slugFrom } from './fields';

export const createServiceInput = serviceFields.extend({
  /** The SLA policy it starts with; "none" leaves the default (no promise) until one is saved. */
  template: z.enum([...POLICY_TEMPLATES, 'none']).default('none'),
});
export type CreateServiceInput = z.input<typeof createServiceInput>;

/** A product with its own SLA, optionally starting from a policy template (admins only). */
export async function createService({ ctx, input }: { ctx: ServiceContext; input: CreateServiceInput }) {
  requireRole(ctx, ADMINS);
  const { template, ...fields } = parseInput(createServiceInput, input);
  const at = nowOf(ctx);
  return withTransaction(ctx, async (tx) => {
    const page = await resolvePage(tx);
    const position = await nextServicePosition(tx, page.id);
    const slug = fields.slug ?? slugFrom(fields.nameEn ?? fields.name, position + 1);
    await checkSlugFree(tx, page.id, slug);
    const [row] = await tx
      .insert(services)
      .values({ pageId: page.id, name: fields.name, nameEn: fields.nameEn, slug, position, createdAt: at })
      .returning();
    await writeAudit(tx, ctx.actor, {
      action: 'service.create',
      entityType: 'service',
      entityId: row.id,
      after: { ...serviceSnapshot(row), template },
      at,
    });
    if (template !== 'none') {
      const policy = policyFromTemplate(template, page.timeZone) as unknown as Record<string, unknown>;
      await tx.insert(slaPolicies).values({ serviceId: row.id, policy, updatedAt: at });
      await writeAudit(tx, ctx.actor, {
        action: 'sla_policy.template',
        entityType: 'sla_policy',
        entityId: row.id,
        before: null,
        after: policy,
        at,
      });
    }
    return { id: row.id };
  });
}
