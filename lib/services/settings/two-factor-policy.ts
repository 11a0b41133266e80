import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { pages } from '../../../db/schema';
import { resolvePage } from '../../pages/context';
import { writeAudit } from '../audit/write';
import { ADMINS, nowOf, requireRole, withTransaction, type ServiceContext } from '../context';
import { parseInput } from '../parse-input';

export const twoFactorPolicyInput = z.object({ requireAdminTwoFactor: z.boolean() });

/**
 * The operator's switch: when on, an admin without two-factor acts as a viewer until they
 * enrol (lib/auth/current.ts), so turning it on can never lock the console.
 */
export async function setTwoFactorPolicy({ ctx, input }: { ctx: ServiceContext; input: z.input<typeof twoFactorPolicyInput> }) {
  requireRole(ctx, ADMINS);
  const { requireAdminTwoFactor } = parseInput(twoFactorPolicyInput, input);
  const now = nowOf(ctx);
  return withTransaction(ctx, async (tx) => {
    const page = await resolvePage(tx);
    const before = page.settings.requireAdminTwoFactor === true;
    await tx
      .update(pages)
      .set({ settings: { ...page.settings, requireAdminTwoFactor } })
      .where(eq(pages.id, page.id));
    await writeAudit(tx, ctx.actor, {
      action: 'page.two_factor_policy',
      entityType: 'page',
      entityId: page.id,
      before: { requireAdminTwoFactor: before },
      after: { requireAdminTwoFactor },
      at: now,
    });
    return { requireAdminTwoFactor };
  });
}
