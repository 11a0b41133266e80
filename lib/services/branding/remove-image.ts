import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { pageAssets } from '../../../db/schema';
import { publishChange } from '../../events/publish';
import { resolvePage } from '../../pages/context';
import { writeAudit } from '../audit/write';
import { ADMINS, nowOf, requireRole, withTransaction, type ServiceContext } from '../context';
import { parseInput } from '../parse-input';
import { BRAND_IMAGE_KINDS } from './upload-image';

/** Goes back to the page name (logo) or the default icon (favicon). Admins only. */
export async function removeBrandImage({ ctx, input }: { ctx: ServiceContext; input: { kind: string } }) {
  requireRole(ctx, ADMINS);
  const { kind } = parseInput(z.object({ kind: z.enum(BRAND_IMAGE_KINDS) }), input);
  const at = nowOf(ctx);
  return withTransaction(ctx, async (tx) => {
    const page = await resolvePage(tx);
    const removed = await tx
      .delete(pageAssets)
      .where(and(eq(pageAssets.pageId, page.id), eq(pageAssets.kind, kind)))
      .returning({ version: pageAssets.version });
    if (removed.length) {
      await writeAudit(tx, ctx.actor, {
        action: `branding.${kind}_remove`,
        entityType: 'page',
        entityId: page.id,
        before: removed[0],
        at,
      });
      await publishChange(tx, { type: 'component', pageId: page.id, componentIds: [] });
    }
    return { removed: removed.length > 0 };
  });
}
