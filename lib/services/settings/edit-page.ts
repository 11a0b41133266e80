import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { pages } from '../../../db/schema';
import { publishChange } from '../../events/publish';
import { resolvePage } from '../../pages/context';
import { writeAudit } from '../audit/write';
import { ADMINS, nowOf, requireRole, withTransaction, type ServiceContext } from '../context';
import { optionalText, parseInput, requiredText } from '../parse-input';

const timeZone = z
  .string()
  .trim()
  .refine(
    (zone) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: zone });
        return true;
      } catch {
        return false;
      }
    },
    { message: 'invalid_time_zone' },
  );

export const editPageInput = z.object({
  name: requiredText(100),
  nameEn: optionalText(100),
  publicUrl: z
    .url({ protocol: /^https?$/ })
    .max(300)
    .nullish()
    .transform((v) => v ?? null),
  timeZone,
  defaultLocale: z.enum(['ja', 'en']),
  /** Share of a partial outage counted as downtime on the 90-day bars (others use 0.5 or 0.3). */
  partialOutageWeight: z.coerce.number().min(0).max(1),
});
export type EditPageInput = z.input<typeof editPageInput>;

/** The public page's name, address, time zone, default language and uptime-bar weighting. */
export async function editPage({ ctx, input }: { ctx: ServiceContext; input: EditPageInput }) {
  requireRole(ctx, ADMINS);
  const fields = parseInput(editPageInput, input);
  const now = nowOf(ctx);
  return withTransaction(ctx, async (tx) => {
    const before = await resolvePage(tx);
    const [after] = await tx.update(pages).set(fields).where(eq(pages.id, before.id)).returning();
    const snapshot = (p: typeof before) => ({
      name: p.name,
      nameEn: p.nameEn,
      publicUrl: p.publicUrl,
      timeZone: p.timeZone,
      defaultLocale: p.defaultLocale,
      partialOutageWeight: p.partialOutageWeight,
    });
    await writeAudit(tx, ctx.actor, {
      action: 'page.edit',
      entityType: 'page',
      entityId: before.id,
      before: snapshot(before),
      after: snapshot(after),
      at: now,
    });
    // Every public view shows the page name and zone: ask open pages to refresh.
    await publishChange(tx, { type: 'component', pageId: before.id, componentIds: [] });
    return { id: before.id };
  });
}
