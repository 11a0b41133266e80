import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { services } from '../../../db/schema';
import { resolvePage } from '../../pages/context';
import { writeAudit } from '../audit/write';
import { ADMINS, nowOf, requireRole, withTransaction, type ServiceContext } from '../context';
import { entityId, parseInput } from '../parse-input';
import { checkSlugFree, findPageService, serviceFields, serviceSnapshot } from './fields';

export const editServiceInput = serviceFields.extend({ id: entityId });
export type EditServiceInput = z.input<typeof editServiceInput>;

/** Renames a service (admins only); an empty slug keeps the current one. */
export async function editService({ ctx, input }: { ctx: ServiceContext; input: EditServiceInput }) {
  requireRole(ctx, ADMINS);
  const { id, ...fields } = parseInput(editServiceInput, input);
  const at = nowOf(ctx);
  return withTransaction(ctx, async (tx) => {
    const page = await resolvePage(tx);
    const before = await findPageService(tx, page.id, id);
    const slug = fields.slug ?? before.slug;
    await checkSlugFree(tx, page.id, slug, id);
    const [after] = await tx
      .update(services)
      .set({ name: fields.name, nameEn: fields.nameEn, slug })
      .where(eq(services.id, id))
      .returning();
    await writeAudit(tx, ctx.actor, {
      action: 'service.edit',
      entityType: 'service',
      entityId: id,
      before: serviceSnapshot(before),
      after: serviceSnapshot(after),
      at,
    });
    return { id };
  });
}
