import { z } from 'zod';
import { pageBranding } from '../../../db/schema';
import { AA_NORMAL_TEXT, brandTextContrast, isHexColor } from '../../branding/contrast';
import { ServiceError } from '../../errors';
import { publishChange } from '../../events/publish';
import { resolvePage } from '../../pages/context';
import { writeAudit } from '../audit/write';
import { ADMINS, nowOf, requireRole, withTransaction, type ServiceContext } from '../context';
import { optionalText, parseInput } from '../parse-input';
import { brandingSnapshot, loadBrandingRow } from './load';

const webAddress = z
  .url({ protocol: /^https?$/ })
  .max(300)
  .nullish()
  .transform((v) => v ?? null);

export const editBrandingInput = z.object({
  brandColor: z
    .string()
    .trim()
    .toLowerCase()
    .refine(isHexColor, { message: 'invalid_color' })
    .nullish()
    .transform((v) => v ?? null),
  supportUrl: webAddress,
  companyUrl: webAddress,
  footerText: optionalText(300),
  footerTextEn: optionalText(300),
  showCredit: z.boolean().default(false),
});
export type EditBrandingInput = z.input<typeof editBrandingInput>;

/** The page's colour, header links, footer text and credit (admins only). */
export async function editBranding({ ctx, input }: { ctx: ServiceContext; input: EditBrandingInput }) {
  requireRole(ctx, ADMINS);
  const fields = parseInput(editBrandingInput, input);
  // White text on the colour (and the colour as link text on white) must be readable.
  if (fields.brandColor && brandTextContrast(fields.brandColor) < AA_NORMAL_TEXT) {
    throw new ServiceError('invalid', 'invalid_input', { brandColor: ['color_contrast'] });
  }
  const at = nowOf(ctx);
  return withTransaction(ctx, async (tx) => {
    const page = await resolvePage(tx);
    const before = await loadBrandingRow(tx, page.id);
    const [after] = await tx
      .insert(pageBranding)
      .values({ pageId: page.id, ...fields, updatedAt: at })
      .onConflictDoUpdate({ target: pageBranding.pageId, set: { ...fields, updatedAt: at } })
      .returning();
    await writeAudit(tx, ctx.actor, {
      action: 'branding.edit',
      entityType: 'page',
      entityId: page.id,
      before: before ? brandingSnapshot(before) : null,
      after: brandingSnapshot(after),
      at,
    });
    await publishChange(tx, { type: 'component', pageId: page.id, componentIds: [] });
    return { pageId: page.id };
  });
}
